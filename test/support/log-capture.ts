import { Writable } from 'node:stream';

/** A pino destination that keeps every line in memory, for tests that read or grep the logs. */
export class LogCapture extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }

  /** All text written so far. */
  text(): string {
    return this.chunks.join('');
  }

  /** Parsed JSON log records. */
  records(): Record<string, unknown>[] {
    return this.text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
