// The window loop (see engine.hpp): local phase, delivery, global phase, boundary phase.
#include "toksim/sim/engine.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <bit>
#include <functional>
#include <string>
#include <vector>

#include "toksim/sim/context.hpp"
#include "toksim/sim/error.hpp"
#include "toksim/sim/shard.hpp"

namespace toksim::sim {

namespace {
constexpr std::uint32_t kMaxContracts = 65536;
constexpr std::uint32_t kGlobalStreamTag = stream_tag("toksim.global");

constexpr std::size_t kPrefetchAhead = 8;

/// Puts each run of equal target (already adjacent) in Event order; runs are usually one or two events.
void sort_runs(std::vector<Event>& v) {
  std::size_t begin = 0;
  while (begin < v.size()) {
    std::size_t end = begin + 1;
    while (end < v.size() && v[end].target == v[begin].target) ++end;
    if (end - begin > 16) {
      std::sort(v.begin() + static_cast<std::ptrdiff_t>(begin), v.begin() + static_cast<std::ptrdiff_t>(end),
                same_target_less);
    } else {
      for (std::size_t i = begin + 1; i < end; ++i) {  // insertion sort
        const Event x = v[i];
        std::size_t j = i;
        while (j > begin && same_target_less(x, v[j - 1])) {
          v[j] = v[j - 1];
          --j;
        }
        v[j] = x;
      }
    }
    begin = end;
  }
}  // events between a prefetch hint and the event it is for

}  // namespace

struct Engine::Impl {
  Impl(Engine& self, Model& m, Population pop, EngineConfig cfg)
      : model(m),
        population(std::move(pop)),
        config(cfg),
        partition(population, cfg.shards),
        thread_count(cfg.threads == 0 ? static_cast<std::uint32_t>(oneapi::tbb::info::default_concurrency())
                                      : cfg.threads),
        // More threads than cores is allowed (results never depend on it); lift TBB's cap to match.
        limit(oneapi::tbb::global_control::max_allowed_parallelism,
              std::max<std::size_t>(thread_count, oneapi::tbb::global_control::active_value(
                                                      oneapi::tbb::global_control::max_allowed_parallelism))),
        arena(static_cast<int>(thread_count)),
        global_queue(make_event_queue(QueueKind::WindowBuckets, cfg.window)),
        gctx(self, partition, cfg.seed) {
    if (config.window <= 0) {
      throw ConfigError("window: expected a positive duration, got " + std::to_string(config.window) + " s");
    }
    states.assign(population.total(), detail::AgentState{});
    shards.reserve(partition.shards());
    for (std::uint32_t s = 0; s < partition.shards(); ++s) {
      shards.push_back(std::make_unique<Shard>(s, partition.shards(), make_event_queue(config.queue, config.window)));
    }
    now = config.start;
  }

  template <class F>
  void parallel_shards(F&& f) {
    const std::uint32_t n = partition.shards();
    if (thread_count == 1 || n == 1) {
      for (std::uint32_t s = 0; s < n; ++s) f(s);
      return;
    }
    arena.execute([&] {
      oneapi::tbb::parallel_for(
          oneapi::tbb::blocked_range<std::uint32_t>(0, n, 1),
          [&](const oneapi::tbb::blocked_range<std::uint32_t>& r) {
            for (std::uint32_t s = r.begin(); s != r.end(); ++s) f(s);
          },
          oneapi::tbb::simple_partitioner());
    });
  }

  AgentContext make_ctx(Shard& sh) { return AgentContext(partition, sh, states.data(), config.seed); }

  void record_failure(Shard& sh, const Event& e, std::string message) {
    if (!sh.failure || e < sh.failure->event) {
      sh.failure = std::make_unique<HandlerFailure>(HandlerFailure{e, std::move(message)});
    }
  }

  /// Throws the least failure over all shards, so the message does not depend on the shard count.
  void raise_failures(const char* phase) {
    const HandlerFailure* least = nullptr;
    for (auto& sh : shards) {
      if (sh->failure && (least == nullptr || sh->failure->event < least->event)) least = sh->failure.get();
    }
    if (least == nullptr) return;
    const Event e = least->event;
    const std::string msg = std::string(phase) + ": agent " + std::to_string(e.target) + " (" +
                            population.name(population.kind_of(e.target)) + " row " +
                            std::to_string(population.row_of(e.target)) + "), event kind " + std::to_string(e.kind) +
                            " at t=" + std::to_string(e.t) + ": " + least->message;
    for (auto& sh : shards) sh->failure.reset();
    throw ModelError(msg);
  }

  void handle(AgentContext& ctx, Shard& sh, const Event& e, Time end) {
    ctx.bind(e.target, e.t, end);
    try {
      model.on_agent_event(ctx, e);
      ctx.commit();
    } catch (const std::exception& ex) {
      record_failure(sh, e, ex.what());
    } catch (...) {
      record_failure(sh, e, "unknown exception");
    }
    ++sh.events;
  }

  /// Orders the batch by target (stable LSD radix sort, 11-bit digits over the batch's target range), then
  /// each target's run in Event order. Linear in the batch; agents are then visited in ascending id order,
  /// so their rows are touched in address order rather than at random.
  static void sort_by_target(Shard& sh) {
    auto& v = sh.batch;
    const std::size_t n = v.size();
    if (n < 64) {
      std::sort(v.begin(), v.end(), [](const Event& a, const Event& b) {
        return a.target != b.target ? a.target < b.target : same_target_less(a, b);
      });
      return;
    }
    AgentId lo = v[0].target, hi = v[0].target;
    for (const Event& e : v) {
      lo = std::min(lo, e.target);
      hi = std::max(hi, e.target);
    }
    const int bits = std::bit_width(hi - lo);
    constexpr int kDigit = 11;
    constexpr std::size_t kBins = std::size_t{1} << kDigit;
    sh.scratch.resize(n);
    std::vector<Event>* src = &v;
    std::vector<Event>* dst = &sh.scratch;
    for (int shift = 0; shift < bits; shift += kDigit) {
      std::array<std::uint32_t, kBins> count{};
      for (const Event& e : *src) ++count[((e.target - lo) >> shift) & (kBins - 1)];
      std::uint32_t sum = 0;
      for (auto& c : count) {
        const std::uint32_t k = c;
        c = sum;
        sum += k;
      }
      for (const Event& e : *src) (*dst)[count[((e.target - lo) >> shift) & (kBins - 1)]++] = e;
      std::swap(src, dst);
    }
    if (src != &v) v.swap(sh.scratch);
    sort_runs(v);
  }

  /// Handles one target's events of the window (sorted) merged with the events it schedules for itself
  /// inside the window, all in Event order.
  void run_group(AgentContext& ctx, Shard& sh, const Event* g, std::size_t n, Time end) {
    auto& heap = sh.in_window;
    std::size_t j = 0;
    while (j < n || !heap.empty()) {
      if (!heap.empty() && (j == n || heap.front() < g[j])) {
        std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
        const Event e = heap.back();
        heap.pop_back();
        handle(ctx, sh, e, end);
      } else {
        handle(ctx, sh, g[j++], end);
      }
    }
  }

  void local_phase(Shard& sh, Time end) {
    sh.events = 0;
    sh.batch.clear();
    sh.queue->drain_before(end, sh.batch);
    // A handler touches only its own agent, so any order that keeps each target's events in Event order
    // gives the same results: targets go in ascending id order, each target's events together.
    sort_by_target(sh);
    AgentContext ctx = make_ctx(sh);
    const std::vector<Event>& v = sh.batch;
    const std::size_t n = v.size();
    std::size_t i = 0;
    while (i < n) {
      std::size_t j = i + 1;
      while (j < n && v[j].target == v[i].target) ++j;
      if (i + kPrefetchAhead < n) {
        const AgentId ahead = v[i + kPrefetchAhead].target;
        __builtin_prefetch(&states[ahead], 1);
        model.prefetch(ahead);
      }
      run_group(ctx, sh, &v[i], j - i, end);
      i = j;
    }
  }

  void deliver() {
    parallel_shards([&](std::uint32_t d) {
      Shard& dst = *shards[d];
      for (auto& src : shards) {
        auto& list = src->outbox.for_shard(d);
        dst.queue->push_bulk(list);
        list.clear();
      }
      dst.next_time = dst.queue->next_time();
    });
  }

  /// Moves every shard's submissions to contracts into the global queue (their order there is Event order).
  void collect_global() {
    for (auto& sh : shards) {
      auto& list = sh->outbox.for_global();
      global_queue->push_bulk(list);
      list.clear();
    }
  }

  std::uint64_t global_phase(Time end) {
    collect_global();
    std::uint64_t handled = 0;
    gctx.window_end_ = end;
    arena.execute([&] {
      while (global_queue->next_time() < end) {
        const Event e = global_queue->top();
        global_queue->pop();
        act_as(e.target & ~kGlobalBit, e.t);
        model.on_global_event(gctx, e);
        ++handled;
      }
    });
    return handled;
  }

  void act_as(std::uint32_t contract, Time t) {
    if (contract >= kMaxContracts) {
      throw ModelError("contract id " + std::to_string(contract) + " is above the limit of " +
                       std::to_string(kMaxContracts - 1));
    }
    if (contract >= global_rng.size()) {
      global_rng.resize(contract + 1, 0);
      global_seq.resize(contract + 1, 0);
    }
    gctx.self_ = contract;
    gctx.now_ = t;
    gctx.rng_ = Rng(config.seed, agent_stream(kGlobalStreamTag, contract), &global_rng[contract]);
  }

  void start() {
    if (started) return;
    started = true;
    const Time t0 = config.start;
    parallel_shards([&](std::uint32_t s) {
      Shard& sh = *shards[s];
      AgentContext ctx = make_ctx(sh);
      auto& own = sh.outbox.for_shard(s);
      partition.for_each_agent(s, [&](AgentId id) {
        // Set-up may schedule an event for every agent: move the shard's own ones into its queue as they come,
        // so that the outbox never holds them all beside the queue (that doubled peak memory at 10^7 agents).
        if (own.size() >= 4096) {
          sh.queue->push_bulk(own);
          own.clear();
        }
        ctx.bind(id, t0, t0);
        const Event setup{t0, id, id, 0, 0, 0, 0};
        try {
          model.init_agent(ctx);
          ctx.commit();
        } catch (const std::exception& ex) {
          record_failure(sh, setup, ex.what());
        }
      });
      // Set-up runs in no window (its window end is the start time), so nothing lands in in_window.
    });
    raise_failures("set-up");
    deliver();
    collect_global();
    gctx.window_end_ = t0;
    act_as(0, t0);
    arena.execute([&] { model.init_global(gctx); });
  }

  Time next_event_time() const {
    Time t = std::min(global_queue->next_time(), pushed_min);
    for (const auto& sh : shards) t = std::min(t, sh->next_time);
    for (const Observer* o : observers) t = std::min(t, o->next_wakeup());
    return t;
  }

  Time next_window_begin() const {
    const Time t = next_event_time();
    if (t == kNever) return kNever;
    return std::max(floor_div(t, config.window) * config.window, now);
  }

  bool step() {
    start();
    const Time begin = next_window_begin();
    if (begin == kNever) return false;
    const Time end = begin + config.window;
    pushed_min = kNever;

    parallel_shards([&](std::uint32_t s) { local_phase(*shards[s], end); });
    std::uint64_t handled = 0;
    for (const auto& sh : shards) handled += sh->events;
    raise_failures("local phase");
    deliver();
    handled += global_phase(end);
    events_total += handled;
    now = end;
    const WindowInfo info{windows, begin, end, handled, events_total};
    ++windows;
    for (Observer* o : observers) o->on_window_end(info);
    return true;
  }

  Model& model;
  Population population;
  EngineConfig config;
  Partition partition;
  std::uint32_t thread_count;
  oneapi::tbb::global_control limit;
  oneapi::tbb::task_arena arena;
  std::vector<std::unique_ptr<Shard>> shards;
  std::unique_ptr<EventQueue> global_queue;
  GlobalContext gctx;
  std::vector<detail::AgentState> states;  // per agent; a shard touches only its own agents' records
  std::vector<std::uint64_t> global_rng;
  std::vector<std::uint32_t> global_seq;
  std::vector<Observer*> observers;
  Time now = 0;
  Time pushed_min = kNever;
  std::uint64_t events_total = 0;
  std::uint64_t windows = 0;
  bool started = false;
};

Engine::Engine(Model& model, Population population, EngineConfig config)
    : impl_(std::make_unique<Impl>(*this, model, std::move(population), config)) {}
Engine::~Engine() = default;

void Engine::add_observer(Observer& observer) { impl_->observers.push_back(&observer); }
void Engine::start() { impl_->start(); }
bool Engine::step() { return impl_->step(); }
void Engine::run_until(Time end) {
  impl_->start();
  while (impl_->next_window_begin() < end) impl_->step();
}
Time Engine::now() const noexcept { return impl_->now; }
Time Engine::next_window() const { return impl_->next_window_begin(); }
std::uint64_t Engine::events_processed() const noexcept { return impl_->events_total; }
std::uint64_t Engine::windows_run() const noexcept { return impl_->windows; }
const EngineConfig& Engine::config() const noexcept { return impl_->config; }
const Population& Engine::population() const noexcept { return impl_->population; }
const Partition& Engine::partition() const noexcept { return impl_->partition; }
std::uint32_t Engine::threads() const noexcept { return impl_->thread_count; }
std::uint64_t Engine::rng_counter(AgentId id) const noexcept { return impl_->states[id].rng; }
std::uint32_t Engine::sent(AgentId id) const noexcept { return impl_->states[id].seq; }
void Engine::digest(Digest& d) const {
  for (const detail::AgentState& a : impl_->states) {
    d.add(a.rng);
    d.add(a.seq);
  }
  for (std::size_t c = 0; c < impl_->global_rng.size(); ++c) {
    d.add(impl_->global_rng[c]);
    d.add(impl_->global_seq[c]);
  }
  d.add(impl_->events_total);
}
std::size_t Engine::pending() const {
  std::size_t n = impl_->global_queue->size();
  for (const auto& sh : impl_->shards) n += sh->queue->size();
  return n;
}
void Engine::for_each_shard(const std::function<void(std::uint32_t)>& f) { impl_->parallel_shards(f); }

EventId GlobalContext::send(AgentId to, Time t, std::uint16_t kind, std::uint64_t payload, std::uint16_t priority) {
  Engine::Impl& im = *engine_->impl_;
  const AgentId from = global_target(self_);
  if (is_global(to) || to >= partition_->population().total()) {
    detail::throw_send_error("no such agent", from, to, t, 0, kind);
  }
  if (t < window_end_) detail::throw_send_error("inside the lookahead window", from, to, t, window_end_, kind);
  const Event e{t, to, from, detail::next_seq(im.global_seq[self_], from), priority, kind, payload};
  im.shards[partition_->shard_of(to)]->queue->push(e);
  im.pushed_min = std::min(im.pushed_min, t);
  return e.id();
}

EventId GlobalContext::schedule(std::uint32_t contract, Time t, std::uint16_t kind, std::uint64_t payload,
                                std::uint16_t priority) {
  Engine::Impl& im = *engine_->impl_;
  const AgentId from = global_target(self_);
  if (t < now_) detail::throw_send_error("in the past", from, global_target(contract), t, now_, kind);
  if (contract >= kMaxContracts)
    detail::throw_send_error("no such contract", from, global_target(contract), t, 0, kind);
  const Event e{t,      global_target(contract), from, detail::next_seq(im.global_seq[self_], from), priority, kind,
                payload};
  im.global_queue->push(e);
  return e.id();
}

}  // namespace toksim::sim
