import { setFlagsFromString } from 'node:v8';

/**
 * Stops V8's young generations (the main thread's and the workers') from growing any further.
 *
 * V8 doubles a young generation each time the bytes that survived its collections since it last
 * grew pass its size, and shrinks it only when the program allocates slowly. A scan allocates fast
 * for as long as it runs, and a few objects always survive (the batches in flight), so the longer
 * the scan, the larger the young generations, up to V8's maximum: peak memory grew with the
 * corpus (`npm run bench`'s memory section). Growth factor 1 keeps each at the size it has
 * reached; the scan and memory sections of the bench print throughput beside it.
 *
 * V8 reads the factor each time a young generation would grow, but every new isolate resets a
 * factor under 2 back to 2 while it configures its heap (Heap::ConfigureHeap in v8/src/heap/heap.cc),
 * so this is called once every worker of the pool is running (has replied), not at start-up; a
 * worker started later puts the default back.
 */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
