import queue
import threading

jobs = queue.Queue(1024)
results = queue.Queue(1024)
DONE = object()


def worker():
    while True:
        j = jobs.get()
        if j is DONE:
            results.put(DONE)
            return
        results.put(j * 2)


workers = [threading.Thread(target=worker) for _ in range(4)]
for w in workers:
    w.start()


def producer():
    for j in range(100000):
        jobs.put(j)
    for _ in workers:
        jobs.put(DONE)


threading.Thread(target=producer).start()
total, finished = 0, 0
while finished < len(workers):
    r = results.get()
    if r is DONE:
        finished += 1
    else:
        total += r
print(total)
