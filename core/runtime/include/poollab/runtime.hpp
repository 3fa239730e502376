// Everything of the threaded runtime in one include.
#pragma once

#include "poollab/runtime/chan.hpp"
#include "poollab/runtime/context.hpp"
#include "poollab/runtime/errors.hpp"
#include "poollab/runtime/event_queue.hpp"
#include "poollab/runtime/events.hpp"
#include "poollab/runtime/runtime.hpp"
#include "poollab/runtime/sync.hpp"
#include "poollab/runtime/time.hpp"
