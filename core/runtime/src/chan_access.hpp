// Internal access to a channel's queues for the runtime's own code.
#pragma once

#include <deque>

#include "core.hpp"

namespace poollab::rt::detail {

struct ChanCore::Queues {
  std::deque<Waiter*> sendq, recvq;
};

// All functions require Core::mu held.
struct ChanAccess {
  static void enqueue(ChanCore& ch, Waiter* w);  // at the back of its queue
  static void remove(ChanCore& ch, Waiter* w);
  static bool queued(const ChanCore& ch, const Waiter* w);
  static Waiter* pop(ChanCore& ch, bool senders);  // the front of a queue, or null
  static void sync_waiting(ChanCore& ch);
  static void settle(Core& c, ChanCore& ch);
  static void complete(Core& c, Waiter* w, bool success, GoId peer);
  static bool send_ready(Core& c, ChanCore& ch, G* g, void* elem);
  static bool recv_ready(Core& c, ChanCore& ch, G* g, void* elem, bool* ok);
  static void close_now(Core& c, ChanCore& ch, G* g);
  static std::deque<Waiter*>& sendq(ChanCore& ch);
  static std::deque<Waiter*>& recvq(ChanCore& ch);
  static bool closed(const ChanCore& ch);
  static std::uint64_t sends(const ChanCore& ch);
  static std::uint64_t recvs(const ChanCore& ch);
};

}  // namespace poollab::rt::detail
