// A list that keeps in the DOM only the rows on screen (plus a margin), so an incident of
// 10,000 events opens and scrolls like one of 10. Rows have a height known from their data (one
// size for plain rows, one for amended rows), so positions are prefix sums and no row is measured.

export interface VirtualListOptions<T> {
  /** The scrolling element; the list adds a spacer inside it. */
  readonly viewport: HTMLElement;
  readonly keyOf: (item: T) => string;
  readonly heightOf: (item: T) => number;
  readonly render: (item: T, index: number) => HTMLElement;
  /** Rows kept above and below the visible ones, so fast scrolling shows no gaps. */
  readonly overscan?: number;
}

export class VirtualList<T> {
  private items: readonly T[] = [];
  private offsets = new Float64Array(1);
  private readonly spacer: HTMLElement;
  private readonly mounted = new Map<string, HTMLElement>();
  private frame = 0;

  constructor(private readonly options: VirtualListOptions<T>) {
    this.spacer = document.createElement('div');
    this.spacer.className = 'vlist-spacer';
    options.viewport.appendChild(this.spacer);
    options.viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(options.viewport);
  }

  get length(): number {
    return this.items.length;
  }

  itemAt(index: number): T | undefined {
    return this.items[index];
  }

  /** Replaces the items; mounted rows whose key is in `changed` are rebuilt. */
  setItems(items: readonly T[], changed: ReadonlySet<string> = new Set()): void {
    this.items = items;
    this.offsets = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) {
      this.offsets[i + 1] = this.offsets[i] + this.options.heightOf(items[i]);
    }
    this.spacer.style.height = `${this.offsets[items.length]}px`;
    for (const key of changed) {
      this.mounted.get(key)?.remove();
      this.mounted.delete(key);
    }
    this.renderNow();
  }

  /** Rebuilds every mounted row (after a change that affects how all rows look). */
  refresh(): void {
    for (const node of this.mounted.values()) {
      node.remove();
    }
    this.mounted.clear();
    this.renderNow();
  }

  /** Index of the first row at or below a y offset. */
  indexAt(y: number): number {
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid] <= y) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return Math.max(0, lo);
  }

  /** First and last index fully or partly on screen. */
  visibleRange(): { first: number; last: number } {
    const { scrollTop, clientHeight } = this.options.viewport;
    return { first: this.indexAt(scrollTop), last: this.indexAt(scrollTop + Math.max(clientHeight - 1, 0)) };
  }

  /** Scrolls the least distance that brings row `index` fully into view. */
  reveal(index: number): void {
    const viewport = this.options.viewport;
    const top = this.offsets[index];
    const bottom = this.offsets[index + 1];
    if (top < viewport.scrollTop) {
      viewport.scrollTop = top;
    } else if (bottom > viewport.scrollTop + viewport.clientHeight) {
      viewport.scrollTop = bottom - viewport.clientHeight;
    }
    this.renderNow();
  }

  rowElement(key: string): HTMLElement | undefined {
    return this.mounted.get(key);
  }

  private schedule(): void {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.renderNow();
      });
    }
  }

  private renderNow(): void {
    const overscan = this.options.overscan ?? 8;
    const { first, last } = this.items.length ? this.visibleRange() : { first: 0, last: -1 };
    const from = Math.max(0, first - overscan);
    const to = Math.min(this.items.length - 1, last + overscan);
    const wanted = new Set<string>();
    for (let i = from; i <= to; i++) {
      const item = this.items[i];
      const key = this.options.keyOf(item);
      wanted.add(key);
      let node = this.mounted.get(key);
      if (!node) {
        node = this.options.render(item, i);
        node.classList.add('vlist-row');
        this.mounted.set(key, node);
        this.spacer.appendChild(node);
      }
      // Position by transform: no layout of the other rows, and the index may shift after a filter.
      node.style.transform = `translateY(${this.offsets[i]}px)`;
      node.style.height = `${this.offsets[i + 1] - this.offsets[i]}px`;
      node.dataset.index = String(i);
      node.setAttribute('aria-posinset', String(i + 1));
      node.setAttribute('aria-setsize', String(this.items.length));
    }
    for (const [key, node] of this.mounted) {
      if (!wanted.has(key)) {
        node.remove();
        this.mounted.delete(key);
      }
    }
  }
}
