/**
 * Keeps the last llama.cpp warnings/errors. llama.cpp explains failures only in its log (e.g. "tensor
 * 'blk.0.attn_q.weight' has incorrect shape") while node-llama-cpp throws a generic "Failed to ...", so
 * error messages borrow the log lines written during the failed call.
 */
export class LlamaLogBuffer {
  private readonly lines: { seq: number; level: string; text: string }[] = [];
  private seq = 0;

  constructor(private readonly capacity = 50) {}

  push(level: string, text: string): void {
    this.lines.push({ seq: ++this.seq, level, text: text.trim() });
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  /** A position to later ask "what was logged since?". */
  mark(): number {
    return this.seq;
  }

  /** The most useful line logged after `mark`: the last error, else the last warning. */
  reasonSince(mark: number): string | undefined {
    const recent = this.lines.filter((l) => l.seq > mark && l.text !== '');
    const pick = recent.filter((l) => l.level === 'error' || l.level === 'fatal').at(-1) ?? recent.at(-1);
    // llama.cpp prefixes lines with the C function name ("llama_adapter_lora_init: ..."); users do not need it.
    return pick?.text.replace(/^[a-z_]+: /, '').replace(/^failed to apply lora adapter: /, '');
  }
}
