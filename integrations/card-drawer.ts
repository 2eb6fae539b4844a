/**
 * Draws social cards while Astro is still rendering pages.
 *
 * Page rendering keeps one core busy and leaves the other mostly idle (a
 * cold 1,000-post build renders at about 120% CPU on two cores). So each card
 * a page plans is begun as soon as it is planned, a few at a time, and
 * `astro:build:done` only waits for them and draws what is left.
 */
export class BackgroundDrawer {
  readonly #draw: (name: string) => Promise<boolean>;
  /** Names heard of and not yet started, in the order pages planned them. */
  readonly #waiting = new Set<string>();
  /** Draws started, by name: settled ones keep their result (drawn or reused) or their error. */
  readonly #started = new Map<string, Promise<boolean>>();
  readonly #concurrency: number;
  #running = 0;
  #stopped = false;

  /** `draw` makes sure one card is in the cache, and says whether it had to draw it; at most `concurrency` run at once. */
  constructor(draw: (name: string) => Promise<boolean>, { concurrency }: { concurrency: number }) {
    this.#draw = draw;
    this.#concurrency = Math.max(1, concurrency);
  }

  /** A page planned the card `name`: draw it once fewer than `concurrency` draws are running. */
  heard(name: string): void {
    if (this.#stopped || this.#started.has(name)) return;
    this.#waiting.add(name);
    this.#next();
  }

  #next(): void {
    if (this.#running >= this.#concurrency || this.#stopped) return;
    const [name] = this.#waiting;
    if (name === undefined) return;
    this.#waiting.delete(name);
    this.#running += 1;
    const drawing = this.#draw(name);
    this.#started.set(name, drawing);
    // The error is the caller's to see, through started(); here it only ends this draw.
    drawing
      .catch(() => false)
      .then(() => {
        this.#running -= 1;
        this.#next();
      });
  }

  /** Starts no more draws: what was heard and not started is left to the caller. */
  stop(): void {
    this.#stopped = true;
    this.#waiting.clear();
  }

  /** How many draws were begun in the background. */
  get count(): number {
    return this.#started.size;
  }

  /** The draw of `name` begun in the background, if one was: it resolves (or fails) as the draw did. */
  started(name: string): Promise<boolean> | undefined {
    return this.#started.get(name);
  }
}
