"""The mechanism modules from Python (toksim.mechanisms): the binding gives the C++ models' numbers exactly.

Pins: the package layout (`from toksim.mechanisms.amm import get_amount_out`, `import toksim.mechanisms.amm`, a
docstring naming the source in every module, a signature and a docstring on every function and method); the
uint256 type caster (Python int <-> Boost uint256 round trips at 0, 2**64 and 2**256 - 1, OverflowError past
2**256 - 1 and below 0, TypeError for floats, NumPy integers accepted); Uniswap V2 getAmountOut / getAmountIn /
quote in uint256 against the Solidity formulas written here in Python integers (18-decimal reserves, SafeMath's
reverts at the 2**256 boundary, the general ppm fee) and identical to the int64 instantiation wherever both
apply; the constant-product pool (deposits, swaps, reverts that change nothing); the EIP-1559 base fee
(hand-derived blocks, a ten-block sequence, uint256 base fees against the spec's Python, overflow at 2**256 and
at 2**64 on the uint64 path) and fee split; OpenZeppelin vestedAmount (boundaries, floors, the cliff jump, uint256
allocations and the Panic(0x11) boundary, int64 agreement) and the TGE + monthly-steps schedule; every issuance
schedule on hand values (Bitcoin's 2,099,999,997,690,000 satoshi, Bittensor, 1000 tokens halving every 10 epochs,
Filecoin's first epoch, Helium and Render burn-and-mint) and on NumPy arrays of epochs; the Governor replayed
through propose / cast_vote / queue / execute / state (boundaries, quorum, timelock and grace, fractional
counting, the full history) over Votes checkpoints, and the quorum fraction in uint256; every Snapshot rule,
per-identity QV and the exact tally; standard (capped) and pairwise QF; conviction, its threshold and pool,
vectorised over arrays; the Gini coefficient; the staking pool and the revenue split. The expected values are
the hand-derived ones of tests/unit/models/*.cpp.

Leaves out what the C++ tests already cover at length (random property runs of the models themselves, the
million-holder governor, the thread-count independence of the tally), performance, and the pure-Python
wrappers of toksim.Scenario / Simulation (test_bindings.py).
"""
import math
import pydoc
import random
from fractions import Fraction

import numpy as np
import pytest

import toksim
import toksim.mechanisms
import toksim.mechanisms.amm
from toksim.mechanisms import (
    amm,
    conviction,
    eip1559,
    filecoin,
    governor,
    inequality,
    issuance,
    quadratic_funding,
    revenue_split,
    staking,
    vesting,
    voting,
)
from toksim.mechanisms.amm import get_amount_out

U256 = 2**256 - 1
I64 = 2**63 - 1
DAY = 86_400
MONTH = 30 * DAY
YEAR = 365 * DAY

AREAS = {
    amm: "Uniswap",
    eip1559: "EIP-1559",
    vesting: "OpenZeppelin",
    issuance: "bitcoin",
    filecoin: "specs-actors",
    governor: "OpenZeppelin",
    voting: "snapshot",
    quadratic_funding: "gitcoin",
    conviction: "1Hive",
    inequality: "Gini",
    staking: "Synthetix",
    revenue_split: "PaymentSplitter",
}


# ---- the package --------------------------------------------------------------------------------------------


def test_areas_import_by_name_and_as_attributes():
    assert toksim.mechanisms.amm is amm
    assert get_amount_out is amm.get_amount_out is toksim._core.mechanisms.amm.get_amount_out
    assert sorted(toksim.mechanisms.__all__) == sorted(m.__name__.rsplit(".", 1)[1] for m in AREAS)
    assert toksim.mechanisms is toksim.__getattr__("mechanisms")


@pytest.mark.parametrize("module", list(AREAS), ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_every_module_names_its_source_and_documents_every_callable(module):
    assert AREAS[module].lower() in module.__doc__.lower()
    assert module.__all__
    for name in module.__all__:
        obj = getattr(module, name)
        if isinstance(obj, (int, dict)):  # constants and tables of constants (eip1559.PRESETS)
            continue
        assert obj.__doc__, f"{module.__name__}.{name} has no docstring"
        if isinstance(obj, type):
            members = [getattr(obj, n) for n in vars(obj) if not n.startswith("_")]
            for member in members:
                fn = member.fget if isinstance(member, property) else member
                if callable(fn):
                    # pybind11 puts the signature first: "name(self: ..., arg: type) -> type".
                    assert fn.__doc__ and "(" in fn.__doc__.splitlines()[0], f"{name}.{fn.__name__}"
        else:
            first = obj.__doc__.splitlines()[0]
            assert first.startswith(f"{name}(") and "->" in first, first
    text = pydoc.render_doc(module, renderer=pydoc.plaintext)
    assert module.__all__[0] in text


def test_helpful_signatures():
    assert get_amount_out.__doc__.splitlines()[0] == (
        "get_amount_out(amount_in: int, reserve_in: int, reserve_out: int, fee_ppm: int = 3000) -> int"
    )
    assert "base units" in get_amount_out.__doc__ and "Uniswap" in get_amount_out.__doc__
    assert "seconds" in vesting.vested_amount.__doc__


# ---- the uint256 caster -------------------------------------------------------------------------------------


@pytest.mark.parametrize("x", [0, 1, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**128 + 12345, 10**77, U256 - 1, U256])
def test_uint256_round_trips_exactly(x):
    # quote(a, 1, 1) = a * 1 / 1: the identity through both casters (0 is refused by Uniswap, not the caster).
    if x == 0:
        with pytest.raises(toksim.ConfigError, match="INSUFFICIENT_AMOUNT"):
            amm.quote(0, 1, 1)
    else:
        assert amm.quote(x, 1, 1) == x
        assert type(amm.quote(x, 1, 1)) is int


def test_uint256_caster_refuses_what_uint256_cannot_hold():
    for bad in (2**256, -1, -(2**300), 2**1000):
        with pytest.raises(OverflowError, match="uint256"):
            amm.quote(bad, 1, 1)
    with pytest.raises(TypeError):
        amm.quote(1.0, 1, 1)
    with pytest.raises(TypeError):
        amm.quote("1", 1, 1)
    assert amm.quote(np.int64(7), np.uint64(3), 6) == 14
    assert amm.quote(True, 1, 5) == 5


def test_int64_amounts_raise_overflow_not_type_errors():
    with pytest.raises(OverflowError, match="int64"):
        amm.get_amount_out_int64(2**63, 10, 10)
    pool = amm.Pool()
    with pytest.raises(OverflowError):
        pool.add_liquidity(2**64, 1)
    with pytest.raises(toksim.ConfigError, match="parts per million"):
        amm.get_amount_out(1, 10, 10, fee_ppm=1_000_001)
    with pytest.raises(toksim.ConfigError, match="parts per million"):
        amm.ConstantProductPool(fee_ppm=-1)


# ---- Uniswap V2 ---------------------------------------------------------------------------------------------


def _safe_mul(a, b):
    r = a * b
    if r > U256:
        raise OverflowError("ds-math-mul-overflow")
    return r


def _safe_add(a, b):
    r = a + b
    if r > U256:
        raise OverflowError("ds-math-add-overflow")
    return r


def v2_amount_out(amount_in, reserve_in, reserve_out):
    """UniswapV2Library.getAmountOut, literally (Solidity 0.6 SafeMath on uint256)."""
    amount_in_with_fee = _safe_mul(amount_in, 997)
    numerator = _safe_mul(amount_in_with_fee, reserve_out)
    denominator = _safe_add(_safe_mul(reserve_in, 1000), amount_in_with_fee)
    return numerator // denominator


def v2_amount_in(amount_out, reserve_in, reserve_out):
    """UniswapV2Library.getAmountIn, literally."""
    numerator = _safe_mul(_safe_mul(reserve_in, amount_out), 1000)
    denominator = _safe_mul(reserve_out - amount_out, 997)
    return _safe_add(numerator // denominator, 1)


def ppm_amount_out(amount_in, reserve_in, reserve_out, fee_ppm):
    """The general-fee form: floor(in * (1e6 - fee) * r_out / (r_in * 1e6 + in * (1e6 - fee))), exact."""
    f = 10**6 - fee_ppm
    return amount_in * f * reserve_out // (reserve_in * 10**6 + amount_in * f)


def test_get_amount_out_on_hand_derived_values_both_paths():
    for path in (amm.get_amount_out, amm.get_amount_out_int64):
        assert path(1000, 1_000_000, 1_000_000) == 996
        assert path(100, 100, 100, fee_ppm=0) == 50
        assert path(1, 1000, 1000) == 0
        assert path(10_000, 1_000_000, 2_000_000, fee_ppm=10_000) == 19_605
        r = 2**62
        assert path(r, r, r, fee_ppm=0) == r // 2
        assert path(r, r, 1997 * 2**51) == 2_245_044_414_244_192_256
    for path in (amm.get_amount_in, amm.get_amount_in_int64):
        assert path(996, 1_000_000, 1_000_000) == 1000
        assert path(50, 100, 100, fee_ppm=0) == 101
        assert path(1, 1000, 1000) == 2
        assert path(2**61, 2**62, 2**62) == 4_625_562_706_547_028_991
    for path in (amm.quote, amm.quote_int64):
        assert path(500_000, 1_000_000, 4_000_000) == 2_000_000
        assert path(1, 3, 2) == 0
        assert path(2, 3, 2) == 1


def outcome(f, *args):
    """f(*args), or "revert" when it raises OverflowError (a SafeMath revert)."""
    try:
        return f(*args)
    except OverflowError:
        return "revert"


def test_uint256_matches_the_solidity_formula_at_18_decimals():
    x, r_in, r_out = 10**18, 5 * 10**24, 10**28
    assert amm.get_amount_out(x, r_in, r_out) == v2_amount_out(x, r_in, r_out) == 1_993_999_602_396_479_282_142
    assert amm.get_amount_in(10**21, r_in, r_out) == v2_amount_in(10**21, r_in, r_out)
    rng = random.Random(2024)
    reverted = 0
    for _ in range(2000):
        r_in = rng.randrange(1, 10 ** rng.randrange(1, 40))
        r_out = rng.randrange(2, 10 ** rng.randrange(1, 40))
        x = rng.randrange(1, 10 ** rng.randrange(1, 40))
        out = outcome(amm.get_amount_out, x, r_in, r_out)
        assert out == outcome(v2_amount_out, x, r_in, r_out)
        reverted += out == "revert"
        want = rng.randrange(1, r_out)
        need = outcome(amm.get_amount_in, want, r_in, r_out)
        assert need == outcome(v2_amount_in, want, r_in, r_out)
        if need != "revert" and outcome(amm.get_amount_out, need, r_in, r_out) != "revert":
            assert amm.get_amount_out(need, r_in, r_out) >= want  # the input asked for always buys the output
        if x * r_out <= U256:
            assert amm.quote(x, r_in, r_out) == x * r_out // r_in
        fee = rng.choice([0, 1, 500, 3000, 10_000, 999_999])
        if out != "revert" and x * 10**6 * r_out <= U256:  # the ppm form's products fit: exact
            assert amm.get_amount_out(x, r_in, r_out, fee_ppm=fee) == ppm_amount_out(x, r_in, r_out, fee)
    assert 0 < reverted < 1000  # both sides of the 2^256 boundary were visited


def test_int64_and_uint256_paths_agree_wherever_both_apply():
    rng = random.Random(62)
    for _ in range(3000):
        hi = 2 ** rng.randrange(1, 63)
        r_in, r_out, x = rng.randrange(1, hi), rng.randrange(2, hi + 1), rng.randrange(1, hi)
        fee = rng.choice([3000, rng.randrange(0, 1_000_000)])
        assert amm.get_amount_out(x, r_in, r_out, fee) == amm.get_amount_out_int64(x, r_in, r_out, fee)
        want = rng.randrange(1, r_out)
        exact = amm.get_amount_in(want, r_in, r_out, fee)
        if exact <= I64:
            assert amm.get_amount_in_int64(want, r_in, r_out, fee) == exact
        else:  # the int64 path cannot hold the answer: an error, never a wrap
            with pytest.raises(OverflowError):
                amm.get_amount_in_int64(want, r_in, r_out, fee)
        q = x * r_out // r_in
        if q <= I64:
            assert amm.quote_int64(x, r_in, r_out) == amm.quote(x, r_in, r_out) == q
    # Buying all but one unit of a 2^62 reserve: past int64, exact in uint256.
    r = 2**62
    with pytest.raises(OverflowError, match="get_amount_in"):
        amm.get_amount_in_int64(r - 1, r, r)
    assert amm.get_amount_in(r - 1, r, r) == v2_amount_in(r - 1, r, r) > I64


def test_uint256_reverts_exactly_where_safemath_does():
    # amount_in * 997 at the boundary.
    edge = U256 // 997
    assert amm.get_amount_out(edge - 1000, 1, 1) == v2_amount_out(edge - 1000, 1, 1) == 0
    with pytest.raises(OverflowError, match="ds-math-mul-overflow"):
        amm.get_amount_out(edge + 1, 1, 1)
    # reserve_in * 1000 + amountInWithFee at the boundary: the addition overflows first.
    x = (U256 - 1000) // 997
    assert amm.get_amount_out(x, 1, 1) == v2_amount_out(x, 1, 1) == 0
    with pytest.raises(OverflowError, match="ds-math-add-overflow"):
        v2_amount_out(x + 1, 1, 1)
    with pytest.raises(OverflowError, match="ds-math-add-overflow"):
        amm.get_amount_out(x + 1, 1, 1)
    # amountInWithFee * reserve_out.
    r_out = U256 // (10**18 * 997)
    assert amm.get_amount_out(10**18, 10**30, r_out) == v2_amount_out(10**18, 10**30, r_out)
    with pytest.raises(OverflowError, match="ds-math-mul-overflow"):
        amm.get_amount_out(10**18, 10**30, r_out + 1)
    # quote: amountA * reserveB.
    assert amm.quote(2**255 - 1, 1, 2) == 2**256 - 2
    with pytest.raises(OverflowError, match="ds-math-mul-overflow"):
        amm.quote(2**255, 1, 2)
    # getAmountIn: reserveIn * amountOut * 1000.
    big = U256 // 1000
    assert amm.get_amount_in(1, big, 2) == v2_amount_in(1, big, 2)
    with pytest.raises(OverflowError, match="ds-math-mul-overflow"):
        amm.get_amount_in(1, big + 1, 2)


def test_library_reverts_name_the_uniswap_reason():
    with pytest.raises(toksim.ConfigError, match="INSUFFICIENT_INPUT_AMOUNT"):
        amm.get_amount_out(0, 10, 10)
    with pytest.raises(toksim.ConfigError, match="INSUFFICIENT_LIQUIDITY"):
        amm.get_amount_out(1, 0, 10)
    with pytest.raises(toksim.ConfigError, match="INSUFFICIENT_OUTPUT_AMOUNT"):
        amm.get_amount_in(0, 10, 10)
    with pytest.raises(toksim.ConfigError, match="INSUFFICIENT_LIQUIDITY"):
        amm.get_amount_in(10, 10, 10)
    with pytest.raises(toksim.ConfigError, match="INSUFFICIENT_INPUT_AMOUNT"):
        amm.get_amount_out_int64(-1, 10, 10)
    with pytest.raises(ValueError):  # ConfigError is a ValueError
        amm.quote(1, 0, 2)
    with pytest.raises(toksim.ConfigError, match="100%"):
        amm.get_amount_out(1, 10, 10, fee_ppm=1_000_000)


def test_k_invariant():
    assert amm.k_invariant_holds(1000, 1000, 1100, 910, 100, 0)
    out = amm.get_amount_out(100, 1000, 1000)
    assert amm.k_invariant_holds(1000, 1000, 1100, 1000 - out, 100, 0)
    assert not amm.k_invariant_holds(1000, 1000, 1100, 1000 - out - 1, 100, 0)


def test_pool_deposits_swaps_and_reverts():
    pool = amm.Pool()
    assert math.isnan(pool.spot_price) and pool.redeemable_shares == 0
    assert pool.add_liquidity(1_000_000, 4_000_000) == (1_000_000, 4_000_000, 1_999_000)
    assert pool.total_shares == 2_000_000 and pool.spot_price == pytest.approx(4_000_000.0)
    assert pool.add_liquidity(500_000, 3_000_000) == (500_000, 2_000_000, 1_000_000)
    assert pool.add_liquidity(1_000_000, 1_000_000) == (250_000, 1_000_000, 500_000)
    assert pool.reserves == (1_750_000, 7_000_000)
    t, u = pool.reserves
    out = pool.swap_token_for_usd(10_000)
    assert out == amm.get_amount_out(10_000, t, u)
    assert pool.reserves == (t + 10_000, u - out)
    before = (pool.reserves, pool.total_shares)
    with pytest.raises(toksim.ConfigError, match="INSUFFICIENT_OUTPUT_AMOUNT"):
        pool.swap_usd_for_token(1_000, min_out=10**6)
    with pytest.raises(toksim.ConfigError, match="EXCESSIVE_INPUT_AMOUNT"):
        pool.swap_usd_for_exact_token(1_000, max_in=1)
    with pytest.raises(toksim.ConfigError, match="expected shares"):
        pool.remove_liquidity(pool.total_shares)
    assert (pool.reserves, pool.total_shares) == before  # reverts change nothing
    t, u = pool.reserves
    paid = pool.swap_usd_for_exact_token(1_000, max_in=10**9)
    assert paid == amm.get_amount_in(1_000, u, t)
    (t, u), total = pool.reserves, pool.total_shares
    assert pool.remove_liquidity(1_000_000) == (1_000_000 * t // total, 1_000_000 * u // total)
    assert pool.total_shares == total - 1_000_000 == 2_500_000 and "ConstantProductPool(" in repr(pool)
    with pytest.raises(toksim.ConfigError, match="INSUFFICIENT_LIQUIDITY_MINTED"):
        amm.Pool().add_liquidity(1000, 1000)


# ---- EIP-1559 -----------------------------------------------------------------------------------------------


def spec_next_base_fee(base_fee, used, limit):
    """EIP-1559's Python, with its unbounded integers."""
    target = limit // 2
    if used == target:
        return base_fee
    if used > target:
        return base_fee + max(base_fee * (used - target) // target // 8, 1)
    return base_fee - base_fee * (target - used) // target // 8


def test_next_base_fee_hand_values_both_paths():
    for f in (eip1559.next_base_fee, eip1559.next_base_fee_uint64):
        assert f(10**9, 30_000_000, 30_000_000) == 1_125_000_000
        assert f(10**9, 0, 30_000_000) == 875_000_000
        assert f(10**9, 15_000_000, 30_000_000) == 10**9
        assert f(100, 29_999_999, 30_000_000) == 112
        assert (f(1000, 3, 3), f(1000, 2, 3), f(1000, 0, 3)) == (1250, 1125, 875)
        assert (f(7, 15_000_001, 30_000_000), f(0, 15_000_001, 30_000_000), f(7, 0, 30_000_000)) == (8, 1, 7)
        used = [30_000_000, 30_000_000, 15_000_000, 0, 22_500_000, 7_500_000, 30_000_000, 0, 15_000_001, 14_999_999]
        expected = [1_125_000_000, 1_265_625_000, 1_265_625_000, 1_107_421_875, 1_176_635_742,
                    1_103_096_009, 1_240_983_010, 1_085_860_134, 1_085_860_143, 1_085_860_134]
        bf, seq = eip1559.INITIAL_BASE_FEE, []
        for u in used:
            bf = f(bf, u, 30_000_000)
            seq.append(bf)
        assert seq == expected
        with pytest.raises(toksim.ConfigError, match="gas limit"):
            f(100, 0, 1)
        with pytest.raises(toksim.ConfigError, match="found 11"):
            f(100, 11, 10)


def test_next_base_fee_uint256_against_the_spec():
    rng = random.Random(1559)
    for _ in range(3000):
        limit = rng.randrange(2, 10**rng.randrange(1, 30))
        bf = rng.randrange(0, 2**rng.randrange(1, 256))
        used = rng.randrange(0, limit + 1)
        expected = spec_next_base_fee(bf, used, limit)
        if expected > U256:
            with pytest.raises(OverflowError):
                eip1559.next_base_fee(bf, used, limit)
        else:
            assert eip1559.next_base_fee(bf, used, limit) == expected
        if bf < 2**64 and limit < 2**64 and expected < 2**64:
            assert eip1559.next_base_fee_uint64(bf, used, limit) == expected
    # A base fee past uint64 (10^30 wei per gas), with a product past 2^256 * ... computed exactly.
    assert eip1559.next_base_fee(10**30, 30_000_000, 30_000_000) == 1_125 * 10**27
    assert eip1559.next_base_fee(U256, 0, 30_000_000) == U256 - U256 // 8  # the product is past 2^256: exact
    # The boundary: the largest base fee a full block may raise stays in uint256, one more leaves it.
    top = (U256 * 8) // 9
    while spec_next_base_fee(top + 1, 30_000_000, 30_000_000) <= U256:
        top += 1
    while spec_next_base_fee(top, 30_000_000, 30_000_000) > U256:
        top -= 1
    assert eip1559.next_base_fee(top, 30_000_000, 30_000_000) == spec_next_base_fee(top, 30_000_000, 30_000_000)
    with pytest.raises(OverflowError, match="uint256"):
        eip1559.next_base_fee(top + 1, 30_000_000, 30_000_000)
    with pytest.raises(OverflowError, match="uint64"):
        eip1559.next_base_fee_uint64(2**64 - 1, 30_000_000, 30_000_000)


def spec_next_base_fee_with(base_fee, used, limit, e, d):
    """The EIP's integer formulas with ELASTICITY_MULTIPLIER e and BASE_FEE_MAX_CHANGE_DENOMINATOR d."""
    target = limit // e
    if used == target:
        return base_fee
    if used > target:
        return base_fee + max(base_fee * (used - target) // target // d, 1)
    return base_fee - base_fee * (target - used) // target // d


def test_next_base_fee_parameters_and_presets():
    assert eip1559.PRESETS == {
        "ethereum": {"elasticity_multiplier": 2, "base_fee_max_change_denominator": 8},
        "polygon-pre-delhi": {"elasticity_multiplier": 2, "base_fee_max_change_denominator": 8},
        "polygon-delhi": {"elasticity_multiplier": 2, "base_fee_max_change_denominator": 16},
        "polygon-bhilai": {"elasticity_multiplier": 2, "base_fee_max_change_denominator": 64},
    }
    with pytest.raises(toksim.ConfigError, match="polygon-bhilai"):
        eip1559.preset("polygon")
    # Hand-derived at D = 64 (bor has no test row after Bhilai): limit 20M, 1 gwei: +/- 1e9 // 64 = 15,625,000.
    bhilai = eip1559.preset("polygon-bhilai")
    for f in (eip1559.next_base_fee, eip1559.next_base_fee_uint64):
        assert f(10**9, 20_000_000, 20_000_000, **bhilai) == 1_015_625_000
        assert f(10**9, 0, 20_000_000, **bhilai) == 984_375_000
        assert f(10**9, 11_000_000, 20_000_000, **bhilai) == 1_001_562_500
        assert f(10**9, 30_000_000, 30_000_000, elasticity_multiplier=3) == 1_250_000_000
        assert f(10**9, 30_000_000, 30_000_000) == 1_125_000_000  # the defaults are Ethereum's
        with pytest.raises(toksim.ConfigError, match="elasticity_multiplier >= 1"):
            f(100, 0, 30_000_000, elasticity_multiplier=0)
        with pytest.raises(toksim.ConfigError, match="base_fee_max_change_denominator >= 1"):
            f(100, 0, 30_000_000, base_fee_max_change_denominator=0)
        with pytest.raises(toksim.ConfigError, match="elasticity multiplier 3"):
            f(100, 0, 2, elasticity_multiplier=3)
        with pytest.raises(TypeError):
            f(100, 0, 30_000_000, 2, 8)  # keyword-only
    assert eip1559.gas_target(30_000_000, elasticity_multiplier=3) == 10_000_000
    with pytest.raises(toksim.ConfigError):
        eip1559.gas_target(30_000_000, elasticity_multiplier=0)
    # Against the EIP's formulas with random parameters, on uint256.
    rng = random.Random(64)
    for _ in range(2000):
        e, d = rng.randrange(1, 10), rng.choice([1, 2, 8, 16, 64, 250, rng.randrange(1, 2**64)])
        limit = rng.randrange(e, 10**rng.randrange(2, 30))
        bf = rng.randrange(0, 2**rng.randrange(1, 250))
        used = rng.randrange(0, limit + 1)
        got = eip1559.next_base_fee(bf, used, limit, elasticity_multiplier=e, base_fee_max_change_denominator=d)
        assert got == spec_next_base_fee_with(bf, used, limit, e, d)


def test_bor_fork_schedule_and_gas_limit_bound():
    f = eip1559.bor_base_fee_change_denominator
    mainnet, amoy = eip1559.POLYGON_MAINNET_FORKS, eip1559.POLYGON_AMOY_FORKS
    assert mainnet == {"delhi_block": 38_189_056, "bhilai_block": 73_440_256}
    assert amoy == {"delhi_block": 73_100, "bhilai_block": 22_765_056}
    assert [f(n, **mainnet) for n in (0, 38_189_055, 38_189_056, 73_440_255, 73_440_256)] == [8, 8, 16, 16, 64]
    assert [f(n, **amoy) for n in (73_099, 73_100, 22_765_056)] == [8, 16, 64]
    assert f(10**18) == 8 and f(5, bhilai_block=5) == 64
    assert eip1559.gas_limit_valid(30_000_000, 30_029_295) and not eip1559.gas_limit_valid(30_000_000, 30_029_296)
    assert eip1559.gas_limit_valid(15_000_000, 30_000_000, fork_block=True)
    assert not eip1559.gas_limit_valid(15_000_000, 30_000_000)
    assert not eip1559.gas_limit_valid(5_000, 4_999)


def test_transaction_fee_split():
    f = eip1559.transaction_fee(21_000, 10**9, 3 * 10**9, 2 * 10**9)
    assert f == {"priority_fee_per_gas": 2 * 10**9, "effective_gas_price": 3 * 10**9, "burned": 21 * 10**12,
                 "tip": 42 * 10**12, "total": 63 * 10**12}
    assert eip1559.transaction_fee(2**63, 2**63, 2**63, 0)["burned"] == 2**126
    assert eip1559.includable(10**9, 10**9, 0) and not eip1559.includable(10**9, 10**9 - 1, 0)
    with pytest.raises(toksim.ConfigError, match="not includable"):
        eip1559.transaction_fee(21_000, 10**9, 10**9 - 1, 0)
    assert eip1559.gas_target(30_000_000) == 15_000_000


# ---- vesting ------------------------------------------------------------------------------------------------


def oz_vested_amount(total, start, duration, t, cliff=0):
    """VestingWallet(Cliff)._vestingSchedule with Solidity's checked uint256 product."""
    if t < start + cliff:
        return 0
    if t >= start + duration:
        return total
    product = total * (t - start)
    if product > U256:
        raise OverflowError("Panic(0x11)")
    return product // duration


def test_vested_amount_boundaries_and_floors_both_paths():
    for f in (vesting.vested_amount, vesting.vested_amount_int64):
        total = 1_000_000
        got = [f(total, 1000, 100, t) for t in (0, 999, 1000, 1001, 1049, 1099, 1100, 10**6)]
        assert got == [0, 0, 0, 10_000, 490_000, 990_000, total, total]
        assert [f(1000, 0, 3, t) for t in (1, 2, 3)] == [333, 666, 1000]
        assert [f(10, 0, 100, t) for t in (9, 10, 99, 100)] == [0, 1, 9, 10]
        assert f(100, -50, 100, 0) == 50
        assert (f(total, 5, 0, 4), f(total, 5, 0, 5)) == (0, total)
        assert f(2**62, 0, 4 * YEAR, 2 * YEAR) == 2**61
        # The cliff: 1.2M over 12 months with 3 months of cliff.
        d, c = 12 * MONTH, 3 * MONTH
        assert [f(1_200_000, 0, d, t, cliff=c) for t in (c - 1, c, c + 1, 6 * MONTH, d - 1, d)] == [
            0, 300_000, 300_000, 600_000, 1_199_999, 1_200_000]
        with pytest.raises(toksim.ConfigError, match="InvalidCliffDuration"):
            f(100, 0, 10, 5, cliff=11)
        with pytest.raises(toksim.ConfigError, match="duration"):
            f(100, 0, -1, 5)


def test_vested_amount_uint256_allocations():
    # A billion 18-decimal tokens over 4 years with a one-year cliff, checked every 10 days.
    total = 10**9 * 10**18
    for t in range(-DAY, 5 * YEAR, 10 * DAY):
        assert vesting.vested_amount(total, 0, 4 * YEAR, t, cliff=YEAR) == oz_vested_amount(total, 0, 4 * YEAR, t, YEAR)
    assert vesting.vested_amount(U256, 0, 4 * YEAR, 5 * YEAR) == U256  # past the end: no product
    # Panic(0x11) exactly where total * elapsed passes 2^256 - 1.
    elapsed = 1000
    edge = U256 // elapsed
    assert vesting.vested_amount(edge, 0, 2000, elapsed) == oz_vested_amount(edge, 0, 2000, elapsed) == edge // 2
    with pytest.raises(OverflowError, match="Panic"):
        vesting.vested_amount(edge + 1, 0, 2000, elapsed)
    rng = random.Random(5)
    for _ in range(1000):
        total, start, duration = rng.randrange(0, 2**63), rng.randrange(-10**9, 10**9), rng.randrange(0, 10**9)
        t, cliff = rng.randrange(start - 10, start + duration + 10), rng.randrange(0, duration + 1)
        assert vesting.vested_amount(total, start, duration, t, cliff) == vesting.vested_amount_int64(
            total, start, duration, t, cliff) == oz_vested_amount(total, start, duration, t, cliff)


def test_tge_then_monthly_steps():
    start = 100
    s = vesting.VestingSchedule.monthly_steps(1_000_003, start, 6 * MONTH, 4, tge_share_ppm=100_000)
    assert (s.curve, s.tge_amount, s.rest, s.step_amount, s.last_step_amount) == (
        "steps", 100_000, 900_003, 225_000, 225_003)
    assert s.end == start + 10 * MONTH
    times = [start - 1, start, start + 6 * MONTH, start + 7 * MONTH - 1, start + 7 * MONTH, start + 8 * MONTH,
             start + 9 * MONTH, start + 10 * MONTH - 1, start + 10 * MONTH, start + 100 * MONTH]
    expected = [0, 100_000, 100_000, 100_000, 325_000, 550_000, 775_000, 775_000, 1_000_003, 1_000_003]
    assert [s.vested(t) for t in times] == expected
    assert s.vested(np.array(times)).tolist() == expected  # an array of times, in C++
    assert s.next_release_time(0) == start
    assert s.next_release_time(start) == start + 7 * MONTH
    assert s.next_release_time(start + 10 * MONTH) is None
    linear = vesting.VestingSchedule.linear(1_000_000, 0, 100, cliff=10)
    assert linear.vested(50) == vesting.vested_amount(1_000_000, 0, 100, 50, cliff=10) == 500_000
    w = vesting.VestingWallet(linear)
    assert (w.release(50), w.release(50), w.released, w.releasable(100)) == (500_000, 0, 500_000, 500_000)
    with pytest.raises(toksim.ConfigError, match="backwards"):
        w.releasable(20)
    with pytest.raises(toksim.ConfigError, match="step"):
        vesting.VestingSchedule.stepped(100, 0, 0, 0, MONTH)


# ---- issuance -----------------------------------------------------------------------------------------------


def test_fixed_and_linear_schedules():
    f = issuance.FixedSchedule(5_000_000, DAY, end_epoch=10)
    assert [f.emitted_in_epoch(e) for e in (-1, 0, 9, 10)] == [0, 5_000_000, 5_000_000, 0]
    assert (f.cumulative(0), f.cumulative(-3), f.cumulative(3), f.cumulative(I64), f.total) == (
        0, 0, 15_000_000, 50_000_000, 50_000_000)
    assert (f.epoch_at(0), f.epoch_at(DAY - 1), f.epoch_at(DAY), f.epoch_at(-1)) == (0, 0, 1, -1)
    assert f.name == "fixed" and f.params == {"per_epoch": 5_000_000, "epoch_length": DAY, "end_epoch": 10}
    endless = issuance.FixedSchedule(7, 600)
    assert endless.total is None and endless.cumulative(1_000_000) == 7_000_000
    with pytest.raises(OverflowError):
        endless.cumulative(I64)
    lin = issuance.LinearSchedule(10, 3, DAY)
    assert lin.cumulative(np.arange(5)).tolist() == [0, 3, 6, 10, 10]
    assert lin.emitted_in_epoch([0, 1, 2, 3]).tolist() == [3, 3, 4, 0]
    assert issuance.LinearSchedule(I64, 3, 1).cumulative(2) == 6_148_914_691_236_517_204
    with pytest.raises(toksim.ConfigError):
        issuance.LinearSchedule(10, 0, DAY)
    with pytest.raises(TypeError):
        lin.cumulative(1.5)


def test_halving_schedules_bitcoin_and_bittensor():
    btc = issuance.HalvingSchedule(5_000_000_000, 210_000, 600)
    total = 2_099_999_997_690_000
    assert [btc.emitted_in_epoch(e) for e in (0, 209_999, 210_000, 10 * 210_000, 32 * 210_000, 33 * 210_000)] == [
        5_000_000_000, 5_000_000_000, 2_500_000_000, 4_882_812, 1, 0]
    assert btc.cumulative(210_000) == 1_050_000_000_000_000
    assert btc.cumulative(210_001) == 1_050_002_500_000_000
    assert btc.cumulative(33 * 210_000) == btc.cumulative(I64) == btc.total == total
    assert btc.emitted_at(210_000 * 600) == 2_500_000_000
    # Per-epoch amounts telescope to the cumulative, on an array of epochs.
    epochs = np.arange(0, 40 * 210_000, 9_973)
    cum = btc.cumulative(epochs)
    assert cum.dtype == np.int64
    assert np.array_equal(np.diff(cum), [btc.emitted_in_range(a, b) for a, b in zip(epochs[:-1], epochs[1:])])
    assert np.array_equal(btc.cumulative(epochs + 1) - cum, btc.emitted_in_epoch(epochs))
    tao = issuance.HalvingSchedule.halving_at_half_remaining(21_000_000 * 10**6, 10**6, 12)
    assert tao.params["halving_interval"] == 10_500_000
    assert tao.cumulative(10_500_000) == 10_500_000 * 10**6
    assert tao.cumulative(21_000_000) == 15_750_000 * 10**6
    assert tao.total == 20_999_926_500_000
    with pytest.raises(toksim.ConfigError):
        issuance.HalvingSchedule.halving_at_half_remaining(21_000_001, 10**6, 12)


def test_exponential_decay_geometric_filecoin_and_burn_and_mint():
    d = issuance.ExponentialDecaySchedule(1000 * 10**6, 10 * DAY, DAY)
    assert [d.cumulative(n) for n in (0, 10, 20, 30)] == [0, 500 * 10**6, 750 * 10**6, 875 * 10**6]
    assert d.cumulative(1) == d.emitted_in_epoch(0) == 66_967_008
    tiny = issuance.ExponentialDecaySchedule(3, DAY, DAY)
    assert tiny.cumulative([1, 2, 3, 100]).tolist() == [1, 2, 2, 2]
    assert issuance.decayed_cumulative(1000, 1.0) == 500
    g = issuance.GeometricSchedule(1000, 500_000, 3, 10**9, 3600, 10)
    assert [g.cumulative_periods(k) for k in range(4)] == [0, 1000, 1500, 1750]
    assert g.emitted_in_period(2) == 250 and g.cumulative(10) == 1000 and g.cumulative(15) == 1250
    assert g.total == 1750
    fil = issuance.FilecoinMinting()
    assert fil.baseline_power(0) == 2.88888888e18
    assert fil.reward_for_epoch(math.inf) == 36_266_260 + 84_621_274
    assert (fil.simple_minted, fil.baseline_minted, fil.epoch) == (36_266_260, 84_621_274, 1)
    with pytest.raises(toksim.ModelError):
        fil.reward_for_epoch(-1.0)
    cap = 1_643_835_616
    hnt = issuance.HalvingSchedule(60_000_000_000_000 // 365, 730, DAY)
    e = hnt.emitted_in_epoch(0)
    assert e == 164_383_561_643 and hnt.cumulative(365) == 59_999_999_999_695
    bm = issuance.BurnAndMint("helium_hip20", cap)
    assert bm.mint_for_epoch(e, 1_000 * 10**6) == 165_383_561_643
    assert bm.mint_for_epoch(e, 2_000 * 10**6) == 164_383_561_643 + cap
    assert bm.burned_not_reminted == 356_164_384 and bm.total_reminted == 2_643_835_616
    sm = issuance.BurnAndMint("helium_smoothed", cap)
    assert sm.mint_for_epoch(e, 700 * 10**6) == e + 100 * 10**6
    assert sm.mint_for_epoch(e, 0) == e + 85_714_285
    re = issuance.RenderEmission([1000, 600], 2000, damping_ppm=500_000, node_operator_share_ppm=250_000,
                                 year_length=364 * DAY)  # as test_render_emission.cpp: 52 epochs a year
    assert [re.emitted_in_year(k) for k in range(5)] == [1000, 600, 300, 100, 0]
    assert (re.cumulative(26), re.cumulative(53), re.node_operators_cumulative(53)) == (500, 1011, 252)
    assert re.total == 2000 and re.max_yearly_inflation_ppm(10_000) == 100_000 and re.name == "render_rnp001"
    with pytest.raises(toksim.ConfigError, match="launch"):
        issuance.RenderEmission([], 10)
    render = issuance.BurnAndMint(mode="render")
    assert render.mint_for_epoch(43_758 * 10**6, 100_000 * 10**6) == 43_758 * 10**6
    assert render.mode == "render"
    with pytest.raises(toksim.ConfigError, match="mode"):
        issuance.BurnAndMint("hnt")
    with pytest.raises(toksim.ConfigError):
        issuance.BurnAndMint("helium_smoothed", cap, initial_target=-1)
    # The smoothed burn is stored uncapped (helium-program-library): a burst above the cap keeps paying the cap
    # while it decays: from 3 caps, floor(6 * 3 cap / 7), then floor(6 * that / 7), both above the cap.
    burst = issuance.BurnAndMint("helium_smoothed", cap, initial_target=3 * cap)
    assert burst.mint_for_epoch(0, 0) == cap and burst.target == 6 * 3 * cap // 7
    assert burst.mint_for_epoch(0, 0) == cap and burst.target == 6 * (6 * 3 * cap // 7) // 7


# ---- governance ---------------------------------------------------------------------------------------------

PS = governor.ProposalState
FOR, AGAINST, ABSTAIN = governor.Support.For, governor.Support.Against, governor.Support.Abstain


def six_holders():
    return governor.Votes.genesis([40, 30, 20, 20, 10, 0], t0=0)


def base(votes, **kw):
    return governor.Governor(votes, voting_delay=10, voting_period=100, quorum_numerator=10, **kw)


def test_votes_delegation_and_checkpoint_boundaries():
    v = governor.Votes(4)
    v.mint(0, 100, 10)
    v.mint(1, 50, 10)
    assert v.get_votes(0) == 0 and v.total_supply == 150 and v.delegates(0) is None
    v.delegate(0, 2, 20)
    v.delegate(1, 2, 30)
    v.transfer(0, 3, 30, 40)
    v.transfer(1, 0, 10, 40)
    v.delegate(0, 0, 50)
    assert [v.balance(a) for a in range(4)] == [80, 40, 0, 30]
    assert [v.get_votes(a) for a in range(4)] == [80, 0, 40, 0]
    assert [v.get_past_votes(2, t, 100) for t in (19, 20, 29, 30, 39, 40, 49, 50)] == [
        0, 100, 100, 150, 150, 120, 120, 40]
    assert v.num_checkpoints(2) == 4 and v.checkpoint(2, 2) == (40, 120)
    with pytest.raises(toksim.ConfigError, match="ERC5805FutureLookup"):
        v.get_past_votes(2, 50, 50)
    with pytest.raises(toksim.ConfigError, match="ERC20InsufficientBalance"):
        v.transfer(1, 2, 41, 80)
    with pytest.raises(toksim.ModelError, match="CheckpointUnorderedInsertion"):
        v.mint(0, 1, 49)
    v.delegate(0, None, 60)
    assert v.delegates(0) is None and v.get_votes(0) == 0
    g = six_holders()
    assert g.checkpointed_accounts == 0 and g.get_votes(1) == 30 and g.num_checkpoints(1) == 1
    assert governor.Votes.genesis(np.array([5, 6], dtype=np.int64), 0).total_supply == 11


def test_governor_state_boundaries_and_replay():
    v = six_holders()
    g = base(v)
    pid = g.propose(0, "p", 1000)
    assert (pid, g.proposal_snapshot(pid), g.proposal_deadline(pid)) == (1, 1010, 1110)
    assert [g.state(pid, t) for t in (1000, 1010, 1011, 1110, 1111)] == [
        PS.Pending, PS.Pending, PS.Active, PS.Active, PS.Defeated]
    with pytest.raises(toksim.ConfigError, match="GovernorUnexpectedProposalState.*Pending"):
        g.cast_vote(pid, 1, FOR, 1010)
    assert g.cast_vote(pid, 1, FOR, 1011) == 30
    assert g.cast_vote(pid, 4, 1, 1110) == 10  # a plain int support works too
    with pytest.raises(toksim.ConfigError, match="GovernorUnexpectedProposalState"):
        g.cast_vote(pid, 2, AGAINST, 1111)
    assert g.state(pid, 1111) == PS.Succeeded and g.tallies(pid) == (0, 40, 0)
    with pytest.raises(toksim.ConfigError, match="GovernorNonexistentProposal"):
        g.state(2, 1111)
    with pytest.raises(toksim.ConfigError, match="GovernorInvalidVoteType"):
        g.cast_vote(pid, 2, 3, 1111)
    assert g.quorum(0) == 12 and g.settings["counting"] == "simple"


def test_governor_quorum_timelock_and_history():
    v = six_holders()
    g = base(v, timelock_delay=3600, grace_period=86_400)
    p1 = g.propose(0, "", 1000)
    p2 = g.propose(0, "", 1005)
    g.observe(1011)
    g.cast_vote(p1, 0, FOR, 1050)
    assert g.queue(p1, 1200) == 4800 and g.proposal_eta(p1) == 4800 and g.proposal_eta(p2) is None
    with pytest.raises(toksim.ConfigError, match="TimelockUnexpectedOperationState"):
        g.execute(p1, 4799)
    g.execute(p1, 5000)
    p3 = g.propose(0, "", 5000)
    g.cancel(p3, 0, 5005)
    p4 = g.propose(0, "", 6000)
    g.cast_vote(p4, 1, FOR, 6020)
    g.observe(6200)
    assert g.queue(p4, 6200) == 9800
    g.observe(1_000_000)
    assert g.history == [
        (p1, None, PS.Pending, 1000), (p2, None, PS.Pending, 1005), (p1, PS.Pending, PS.Active, 1011),
        (p2, PS.Pending, PS.Active, 1016), (p1, PS.Active, PS.Succeeded, 1111), (p2, PS.Active, PS.Defeated, 1116),
        (p1, PS.Succeeded, PS.Queued, 1200), (p1, PS.Queued, PS.Executed, 5000), (p3, None, PS.Pending, 5000),
        (p3, PS.Pending, PS.Canceled, 5005), (p4, None, PS.Pending, 6000), (p4, PS.Pending, PS.Active, 6011),
        (p4, PS.Active, PS.Succeeded, 6111), (p4, PS.Succeeded, PS.Queued, 6200), (p4, PS.Queued, PS.Expired, 96200),
    ]
    with pytest.raises(toksim.ModelError):
        g.observe(999_999)
    # Quorum exactly reached (for + abstain == 30 at 25%) passes; 26% (31) fails.
    for numerator, state in ((25, PS.Succeeded), (26, PS.Defeated)):
        h = base(v, timelock_delay=0)
        h.set_quorum_numerator(numerator, 0)
        pid = h.propose(0, "", 100)
        h.cast_vote(pid, 2, FOR, 111)
        h.cast_vote(pid, 4, ABSTAIN, 111)
        assert h.state(pid, 211) == state
    # A numerator change at 1050 spares snapshots before it.
    h = base(v)
    early = h.propose(0, "", 1000)
    h.set_quorum_numerator(50, 1050)
    late = h.propose(0, "", 1060)
    assert (h.quorum(1049), h.quorum(1050)) == (12, 60)
    for pid in (early, late):
        h.cast_vote(pid, 2, FOR, 1071)
        h.cast_vote(pid, 4, FOR, 1071)
    assert (h.state(early, 2000), h.state(late, 2000)) == (PS.Succeeded, PS.Defeated)
    with pytest.raises(toksim.ConfigError, match="GovernorQueueNotImplemented"):
        h.queue(early, 2000)


def test_governor_fractional_super_and_late_quorum():
    v = six_holders()
    g = base(v, counting="fractional")
    pid = g.propose(0, "", 1000)
    assert g.cast_vote_fractional(pid, 0, 10, 5, 0, 1011) == 15 and g.used_votes(pid, 0) == 15
    assert g.cast_vote_fractional(pid, 0, 0, 20, 5, 1012) == 25
    with pytest.raises(toksim.ConfigError, match="remaining weight 30"):
        g.cast_vote_fractional(pid, 1, 0, 31, 0, 1013)
    assert g.cast_vote_fractional(pid, 1, 10, 0, 0, 1013) == 10
    assert g.cast_vote(pid, 1, FOR, 1014) == 20
    assert g.tallies(pid) == (20, 45, 5) and g.state(pid, 1111) == PS.Succeeded
    s = base(v, super_quorum_numerator=50)
    assert s.super_quorum(0) == 60
    pid = s.propose(0, "", 1000)
    s.cast_vote(pid, 0, FOR, 1020)
    s.cast_vote(pid, 1, AGAINST, 1025)
    assert s.state(pid, 1025) == PS.Active
    s.cast_vote(pid, 2, FOR, 1030)
    assert s.state(pid, 1030) == PS.Succeeded
    late = base(v, late_quorum_extension=50)
    pid = late.propose(0, "", 1000)
    late.cast_vote(pid, 4, FOR, 1090)
    late.cast_vote(pid, 2, FOR, 1100)
    assert late.proposal_deadline(pid) == 1150 and late.state(pid, 1151) == PS.Succeeded
    with pytest.raises(toksim.ConfigError, match="GovernorInvalidVotingPeriod"):
        governor.Governor(v, voting_period=0)
    with pytest.raises(toksim.ConfigError, match="GovernorInsufficientProposerVotes"):
        base(v, proposal_threshold=40).propose(1, "", 1000)


def test_governor_outlives_the_name_of_its_votes():
    g = base(six_holders())  # the Votes object is kept alive by the governor
    pid = g.propose(0, "", 10)
    assert g.cast_vote(pid, 0, FOR, 21) == 40


def test_quorum_fraction_uint256():
    assert governor.quorum(120, 10) == 12
    supply = 10**9 * 10**18
    assert governor.quorum(supply, 4) == 4 * 10**25
    rng = random.Random(4)
    for _ in range(500):
        s, d = rng.randrange(0, 2**256), rng.randrange(1, 2**64)
        n = rng.randrange(0, d + 1)
        assert governor.quorum(s, n, d) == s * n // d  # the 512-bit product is exact
    v = governor.Votes.genesis([7 * 10**17, 3 * 10**17, 123_456_789], 0)
    g = governor.Governor(v, voting_period=10, quorum_numerator=33, quorum_denominator=100)
    assert g.quorum(5) == governor.quorum(v.total_supply, 33, 100) == v.total_supply * 33 // 100
    with pytest.raises(OverflowError, match="MathOverflowedMulDiv"):
        governor.quorum(U256, 2, 1)
    with pytest.raises(toksim.ConfigError, match="denominator"):
        governor.quorum(1, 1, 0)


def test_snapshot_rules():
    r = voting.single_choice(3, [10, 20, 30], [0, 2, 2])
    assert r.scores.tolist() == [10, 0, 50] and r.scores_total == 60
    assert voting.single_choice(2, [], []).scores.tolist() == [0, 0]
    with pytest.raises(toksim.ConfigError):
        voting.single_choice(3, [1], [3], strict=True)
    with pytest.raises(toksim.ConfigError):
        voting.single_choice(3, [1], [-1], strict=True)
    d = voting.single_choice(3, [7, 1, 2], [1, 3, -1])  # invalid ballots dropped, as snapshot.js
    assert d.scores.tolist() == [0, 7, 0] and d.scores_total == 10 and d.dropped == [1, 2]
    with pytest.raises(toksim.ConfigError):
        voting.single_choice(3, [-1], [0])
    a = voting.approval(3, np.array([10.0, 20, 30, 5]), [[0, 1], [1], [2, 0, 1], []])
    assert a.scores.tolist() == [40, 60, 30] and a.scores_total == 65
    b = np.array([8.0, 18, 36])
    w = np.array([[1, 1, 0], [1, 0, 1], [0, 0, 5]], dtype=float)
    assert voting.weighted(3, b, w).scores == pytest.approx([13, 4, 45])
    assert voting.quadratic(3, b, w).scores == pytest.approx([25 / 110 * 62, 4 / 110 * 62, 81 / 110 * 62])
    with pytest.raises(toksim.ConfigError):
        voting.weighted(3, [1], [[1, 1]], strict=True)
    d = voting.weighted(2, [9, 4, 5], [[1, 2], [0, 0], [1, 2, 3]])  # rows of any length; the bad ones dropped
    assert d.scores == pytest.approx([3, 6]) and d.scores_total == 18 and d.dropped == [1, 2]
    rc = voting.ranked_choice(4, [40, 25, 20, 15], [[0, 1, 2, 3], [1, 2, 0, 3], [2, 1, 0, 3], [3, 2, 1, 0]])
    assert len(rc.rounds) == 3 and [k["eliminated"] for k in rc.rounds] == [3, 1, None]
    assert rc.rounds[1]["tallies"].tolist() == [40, 25, 35, 0] and rc.rounds[2]["remaining"] == [0, 2]
    assert rc.scores.tolist() == [40, 0, 60, 0] and rc.scores_total == 100
    with pytest.raises(toksim.ConfigError):
        voting.ranked_choice(3, [1], [[0, 1, 1]], strict=True)
    assert voting.ranked_choice(3, [1], [[0, 1, 1]]).dropped == [0]
    assert voting.ranked_choice(3, [3, 4, 2], [[0, 1, 2], [0, 1], [1, 2, 0]]).scores.tolist() == [3, 2, 0]
    with pytest.raises(TypeError):
        voting.ranked_choice(3, [1], [[0.0, 1.5, 2.0]])  # floats are not choice indices
    qv = voting.quadratic_voting_per_identity(2, [[100, 0]] + [[0, 25]] * 4)
    assert qv.scores == pytest.approx([10, 20]) and qv.scores_total == 200
    assert voting.token_weighted_tally([0, 1, 2, 1], [5, 7, 11, 13]) == (5, 20, 11)
    n = 100_000
    rng = np.random.default_rng(7)
    support, weight = rng.integers(0, 3, n), rng.integers(0, 10**12, n)
    assert voting.token_weighted_tally(support, weight) == tuple(int(weight[support == k].sum()) for k in range(3))
    with pytest.raises(toksim.ConfigError, match="voter 1"):
        voting.token_weighted_tally([0, 3], [1, 1])
    with pytest.raises(OverflowError):
        voting.token_weighted_tally([1, 1], [I64, I64])


def test_quadratic_funding():
    r = quadratic_funding.standard_qf([[1, 1, 1, 1], [4]], 6.0)
    assert r.raw.tolist() == [12, 0] and r.match.tolist() == [6, 0]
    down = quadratic_funding.standard_qf([[1, 1, 1, 1], [4]], 100.0, rule="scale_down_only")
    assert down.match.tolist() == pytest.approx([12, 0])
    three = [np.ones(5), np.ones(4), np.array([4.0, 4.0])]
    assert quadratic_funding.standard_qf(three, 10.0).match == pytest.approx([5, 3, 2])
    assert quadratic_funding.standard_qf(three, 1000.0, cap_share=0.35).match == pytest.approx([350, 350, 300])
    assert quadratic_funding.check_matching_cap([0.5, 0.3, 0.2], 0.35) == pytest.approx([0.35, 0.35, 0.30])
    p0 = 0.4 + 6 / 7 + 0.75
    pw = quadratic_funding.pairwise_qf(2, [0, 0, 1, 1, 2], [0, 1, 0, 1, 0], [4, 1, 1, 4, 9], 10.0, m=1.0)
    assert pw.raw == pytest.approx([p0, 0.4]) and not pw.saturated
    sat = quadratic_funding.pairwise_qf(2, [0, 0, 1, 1, 2], [0, 1, 0, 1, 0], [4, 1, 1, 4, 9], 1.2, m=1.0)
    assert sat.saturated and sat.match.sum() == pytest.approx(1.2)
    trusted = quadratic_funding.pairwise_qf(2, [0, 0, 1, 1, 2], [0, 1, 0, 1, 0], [4, 1, 1, 4, 9], 10.0, m=1.0,
                                            trust=[1, 1, 2])
    assert trusted.raw[0] == pytest.approx(0.4 + 1.5 + 1.2)
    assert quadratic_funding.passport_weight(20, 15, 25) == pytest.approx(0.75)
    assert quadratic_funding.passport_weight(np.array([10, 15, 25, 40]), 15, 25).tolist() == [0, 0.5, 1, 1]
    with pytest.raises(toksim.ConfigError):
        quadratic_funding.standard_qf([[-1]], 10.0)
    with pytest.raises(toksim.ConfigError, match="rule"):
        quadratic_funding.standard_qf([[1]], 10.0, rule="sometimes")


def test_conviction_formulas_take_floats_and_arrays():
    assert [conviction.conviction(0, 10, 0.9, t) for t in (1, 2, 3)] == pytest.approx([10, 19, 27.1])
    ts = np.arange(0, 50)
    iterated, y = [], 5.0
    for _ in ts:
        iterated.append(y)
        y = 0.95 * y + 7
    assert conviction.conviction(5.0, 7.0, 0.95, ts) == pytest.approx(iterated, rel=1e-12)
    assert conviction.alpha_from_half_life(2) == pytest.approx(math.sqrt(0.5))
    h = conviction.half_life_from_alpha(0.9999599)
    assert h == pytest.approx(17_285, abs=1) and h * 15 / DAY == pytest.approx(3.0, abs=0.01)
    assert conviction.threshold(0.1, 0.2, 1000, 10_000, np.array([1000, 0, 2000]), 0.9).tolist() == [
        pytest.approx(100_000), pytest.approx(25_000), math.inf]
    with pytest.raises(toksim.ConfigError):
        conviction.conviction(0, 1, 1.0, 1)


def test_conviction_pool_executes_at_the_first_block_above_the_threshold():
    cp = conviction.ConvictionPool(10_000, 1_000_000, 15, decay=9_000_000, max_ratio=2_000_000, weight=50_000)
    cp.set_balance(1, 1000, 0)
    pid = cp.add_proposal(1000)
    assert pid == 2
    cp.stake(1, pid, 1000, 0)
    assert cp.threshold_of(pid) == pytest.approx(5000)
    assert cp.conviction_at(pid, 104) == pytest.approx(4685.59, abs=0.01) and not cp.can_execute(pid, 104)
    with pytest.raises(toksim.ConfigError):
        cp.execute(pid, 104)
    assert cp.conviction_at(pid, 105) == pytest.approx(5217.031, abs=0.001)
    assert cp.execute(pid, 105) == 1000 and cp.funds == 9000
    assert cp.status(pid) == conviction.ConvictionStatus.Executed and cp.block_last(pid) == 7
    assert cp.params["alpha"] == pytest.approx(0.9)


def test_gini():
    assert inequality.gini([5, 5, 5, 5]) == 0.0
    assert inequality.gini([0, 0, 0, 7]) == pytest.approx(3 / 4)
    assert inequality.gini([1, 2, 3, 4, 5]) == pytest.approx(float(Fraction(2 * 55, 5 * 15) - Fraction(6, 5)))
    assert inequality.gini(np.array([5, 1, 4, 2, 3])) == inequality.gini(np.array([1.0, 2, 3, 4, 5]))
    assert inequality.gini([]) == 0.0 and inequality.gini([0, 0]) == 0.0
    big = np.random.default_rng(1).pareto(1.5, 200_000)
    x = np.sort(big)
    n = x.size
    assert inequality.gini(big) == pytest.approx(2 * np.sum(np.arange(1, n + 1) * x) / (n * x.sum()) - (n + 1) / n)
    with pytest.raises(toksim.ConfigError):
        inequality.gini([1, -1])


def test_nakamoto():
    assert inequality.nakamoto([1, 1, 1, 1]) == 3  # exactly half is not more than half
    assert inequality.nakamoto(np.array([4, 1, 3, 2])) == 2  # 4 + 3 of 10
    assert inequality.nakamoto([7] * 7 + [51]) == 1
    assert inequality.nakamoto([]) == 0 and inequality.nakamoto([0.0, 0.0]) == 0
    holdings = np.random.default_rng(2).pareto(1.2, 10_000)
    top = np.cumsum(np.sort(holdings)[::-1])
    assert inequality.nakamoto(holdings) == int(np.argmax(2 * top > holdings.sum())) + 1
    with pytest.raises(toksim.ConfigError):
        inequality.nakamoto([float("nan")])


def test_staking_and_revenue_split():
    pool = staking.StakingPool(7 * DAY)
    pool.stake(1, 100)
    pool.stake(2, 300)
    pool.distribute(1000)
    assert pool.acc_per_share == 25 * staking.ACC_SCALE // 10
    assert (pool.pending(1), pool.pending(2)) == (250, 750)
    pool.stake(1, 200)
    pool.distribute(600)
    assert (pool.claim(1), pool.claim(2), pool.total_claimed, pool.undistributed()) == (550, 1050, 1600, 0)
    pool.unstake(2, 100, 0)
    assert pool.unbonding_entries(2) == [(100, 7 * DAY)] and pool.withdraw(2, 7 * DAY) == 100
    with pytest.raises(toksim.ConfigError):
        pool.stake(1, 0)
    s = revenue_split.RevenueSplit({"a": 500_000, "b": 300_000, "c": 200_000}, "treasury")
    assert s.ids == ["a", "b", "c", "treasury"] and s.sink_index == 3
    assert s.split(1001) == {"a": 500, "b": 300, "c": 200, "treasury": 1}
    v = revenue_split.RevenueSplit([], "burn", classes=[("validators", 1_000_000, {"v1": 1, "v2": 1, "v3": 1})])
    assert list(v.split(101).values()) == [33, 33, 33, 2]
    with pytest.raises(toksim.ConfigError, match="1000000"):
        revenue_split.RevenueSplit({"a": 1}, "t")
