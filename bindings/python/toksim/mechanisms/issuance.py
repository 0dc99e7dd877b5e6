"""Token issuance schedules: how much each epoch mints, exactly, in closed form.

Schedules (int64 token base units, 6 decimals; epochs of epoch_length seconds from genesis): FixedSchedule,
LinearSchedule, HalvingSchedule (Bitcoin: bitcoin/bitcoin src/validation.cpp GetBlockSubsidy; Bittensor's
halving at half the remaining supply via HalvingSchedule.halving_at_half_remaining), ExponentialDecaySchedule
(Filecoin simple minting) and GeometricSchedule (io.net's monthly decay). Each has emitted_in_epoch(epoch),
emitted_at(t), cumulative(epochs) and emitted_in_range(begin, end), which telescope exactly and accept NumPy
arrays of epochs or times. FilecoinMinting is Filecoin's simple + baseline minting
(filecoin-project/builtin-actors actors/reward), BurnAndMint Helium HIP-20 / 2025 smoothing and Render RNP-001
net emissions, RenderEmission Render's RNP-001 emission schedule (launch years, damping 0.945, the 107,374,182
RENDER cap, the node operators' share). For Filecoin's reward exactly as the chain computes it (Q.128, attoFIL) see
toksim.mechanisms.filecoin; FilecoinMinting is its continuous, window-scale model in toksim's Tokens.
REFERENCES.md sections 6 and 7 and "Bitcoin subsidy".
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.issuance

FixedSchedule = _core.FixedSchedule
LinearSchedule = _core.LinearSchedule
HalvingSchedule = _core.HalvingSchedule
ExponentialDecaySchedule = _core.ExponentialDecaySchedule
GeometricSchedule = _core.GeometricSchedule
decayed_cumulative = _core.decayed_cumulative
FilecoinMinting = _core.FilecoinMinting
BurnAndMint = _core.BurnAndMint
RenderEmission = _core.RenderEmission

__all__ = [
    "FixedSchedule",
    "LinearSchedule",
    "HalvingSchedule",
    "ExponentialDecaySchedule",
    "GeometricSchedule",
    "decayed_cumulative",
    "FilecoinMinting",
    "BurnAndMint",
    "RenderEmission",
]
