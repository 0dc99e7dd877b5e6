// The AMM as the market an economy clears through, with the ledger moves that go with each swap: a window's sells
// as one swap (the pool sees the block's flow), and USD buying tokens out of the pool.
#pragma once

#include "toksim/models/markets/amm.hpp"
#include "toksim/models/money/ledger.hpp"

namespace toksim::models {

/// Sells everything in the `clearing` account into the pool as one swap, moving the tokens to the pool's ledger
/// account `amm`; when that would buy less than 1 micro-USD the tokens stay in `clearing` for a later window.
/// Returns the tokens sold.
Tokens clear_sells(Ledger& ledger, ConstantProductPool& pool, AccountId clearing, AccountId amm);

/// Buys tokens with `usd` from the pool and moves them from its ledger account `amm` to `to`; nothing happens when
/// `usd` would buy no base unit. Returns the tokens bought.
Tokens buy_tokens(Ledger& ledger, ConstantProductPool& pool, AccountId amm, AccountId to, MicroUsd usd);

}  // namespace toksim::models
