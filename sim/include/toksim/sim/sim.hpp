// Umbrella header of the toksim engine (knows time, events, shards, randomness and tables; nothing of tokens).
#pragma once

#include "toksim/sim/context.hpp"
#include "toksim/sim/digest.hpp"
#include "toksim/sim/engine.hpp"
#include "toksim/sim/error.hpp"
#include "toksim/sim/event.hpp"
#include "toksim/sim/event_queue.hpp"
#include "toksim/sim/model.hpp"
#include "toksim/sim/observer.hpp"
#include "toksim/sim/partition.hpp"
#include "toksim/sim/population.hpp"
#include "toksim/sim/reduce.hpp"
#include "toksim/sim/rng.hpp"
#include "toksim/sim/table.hpp"
#include "toksim/sim/time.hpp"
