import { describe, expect, it } from 'vitest';
import { ACK_BATCH_CHARS, AckBatcher } from './ack-batcher.js';

describe('AckBatcher', () => {
  it('acknowledges once per frame, and at once past the batch size', () => {
    const sent: number[] = [];
    const frames: (() => void)[] = [];
    const acks = new AckBatcher(
      (chars) => sent.push(chars),
      (flush) => frames.push(flush),
    );
    acks.rendered(100);
    acks.rendered(200);
    expect(sent).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0]?.();
    expect(sent).toEqual([300]);
    acks.rendered(ACK_BATCH_CHARS);
    expect(sent).toEqual([300, ACK_BATCH_CHARS]);
    frames[1]?.(); // the frame scheduled for it finds nothing left
    expect(sent).toEqual([300, ACK_BATCH_CHARS]);
  });

  it('forgets what a reset subscription rendered', () => {
    const sent: number[] = [];
    const acks = new AckBatcher(
      (chars) => sent.push(chars),
      () => {},
    );
    acks.rendered(50);
    acks.reset();
    acks.flush();
    expect(sent).toEqual([]);
  });
});
