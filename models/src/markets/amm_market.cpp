// The AMM as a market (see amm_market.hpp).
#include "toksim/models/markets/amm_market.hpp"

namespace toksim::models {

Tokens clear_sells(Ledger& ledger, ConstantProductPool& pool, AccountId clearing, AccountId amm) {
  const Tokens to_sell = ledger.balance(clearing);
  if (to_sell.raw() <= 0 ||
      get_amount_out(to_sell.raw(), pool.token_reserve().raw(), pool.usd_reserve().raw(), pool.fee()) <= 0) {
    return Tokens(0);
  }
  ledger.move(clearing, amm, to_sell);
  pool.swap_token_for_usd(to_sell);
  return to_sell;
}

Tokens buy_tokens(Ledger& ledger, ConstantProductPool& pool, AccountId amm, AccountId to, MicroUsd usd) {
  if (usd.raw() <= 0 ||
      get_amount_out(usd.raw(), pool.usd_reserve().raw(), pool.token_reserve().raw(), pool.fee()) <= 0) {
    return Tokens(0);
  }
  const Tokens bought = pool.swap_usd_for_token(usd);
  ledger.move(amm, to, bought);
  return bought;
}

}  // namespace toksim::models
