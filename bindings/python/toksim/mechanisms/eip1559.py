"""The EIP-1559 fee market: the next block's base fee and a transaction's fee split, exact.

Source: ethereum/EIPs EIPS/eip-1559.md (ELASTICITY_MULTIPLIER 2, BASE_FEE_MAX_CHANGE_DENOMINATOR 8,
INITIAL_BASE_FEE 1 gwei; the integer formulas of the specification's Python) and go-ethereum's CalcBaseFee
(consensus/misc/eip1559); REFERENCES.md section 8. Both constants are keyword arguments of next_base_fee
(elasticity_multiplier=2, base_fee_max_change_denominator=8); preset(name) gives them for "ethereum" and Polygon
PoS per bor fork ("polygon-pre-delhi" 8, "polygon-delhi" 16, "polygon-bhilai" 64; maticnetwork/bor
params/protocol_params.go), e.g. next_base_fee(bf, used, limit, **preset("polygon-bhilai")), and
bor_base_fee_change_denominator picks bor's denominator by the parent block's number.

next_base_fee takes Python ints up to 2**256 - 1 (wei per gas and gas units) with an exact 512-bit product, and
raises OverflowError only when the new base fee itself leaves uint256; next_base_fee_uint64 is the uint64
instantiation of the same C++ template that toksim's launch model runs. transaction_fee splits a fee into the
burned base fee and the proposer's tip.
"""
from toksim._core import mechanisms as _mechanisms

_core = _mechanisms.eip1559

next_base_fee = _core.next_base_fee
next_base_fee_uint64 = _core.next_base_fee_uint64
preset = _core.preset
bor_base_fee_change_denominator = _core.bor_base_fee_change_denominator
PRESETS = _core.PRESETS
POLYGON_MAINNET_FORKS = _core.POLYGON_MAINNET_FORKS
POLYGON_AMOY_FORKS = _core.POLYGON_AMOY_FORKS
gas_target = _core.gas_target
gas_limit_valid = _core.gas_limit_valid
includable = _core.includable
transaction_fee = _core.transaction_fee
ELASTICITY_MULTIPLIER = _core.ELASTICITY_MULTIPLIER
BASE_FEE_MAX_CHANGE_DENOMINATOR = _core.BASE_FEE_MAX_CHANGE_DENOMINATOR
INITIAL_BASE_FEE = _core.INITIAL_BASE_FEE

__all__ = [
    "next_base_fee",
    "next_base_fee_uint64",
    "preset",
    "bor_base_fee_change_denominator",
    "PRESETS",
    "POLYGON_MAINNET_FORKS",
    "POLYGON_AMOY_FORKS",
    "gas_target",
    "gas_limit_valid",
    "includable",
    "transaction_fee",
    "ELASTICITY_MULTIPLIER",
    "BASE_FEE_MAX_CHANGE_DENOMINATOR",
    "INITIAL_BASE_FEE",
]
