"""toksim.analysis: the pure-Python reader and plots of toksim run files, re-exported from `toksim_analysis`
(which needs no compiled code, so files and analyses can move to a laptop)."""
from toksim_analysis import *  # noqa: F401,F403
