import { describe, expect, it } from 'vitest';
import { BackgroundDrawer } from '../../integrations/card-drawer.ts';

/** A draw the test finishes by hand, recording what ran and how many at once. */
function controlledDraws() {
  const finish = new Map<string, (drawn: boolean) => void>();
  const fail = new Map<string, (error: Error) => void>();
  const order: string[] = [];
  let running = 0;
  let most = 0;
  const draw = (name: string) =>
    new Promise<boolean>((resolve, reject) => {
      order.push(name);
      most = Math.max(most, ++running);
      finish.set(name, (drawn) => {
        running -= 1;
        resolve(drawn);
      });
      fail.set(name, (error) => {
        running -= 1;
        reject(error);
      });
    });
  return { draw, order, finish, fail, most: () => most };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BackgroundDrawer', () => {
  it('draws each card once, in the order pages planned them, never more at once than asked', async () => {
    const draws = controlledDraws();
    const drawer = new BackgroundDrawer(draws.draw, { concurrency: 2 });
    for (const name of ['a', 'b', 'a', 'c', 'b', 'd']) drawer.heard(name);
    expect(draws.order).toEqual(['a', 'b']);
    draws.finish.get('a')!(true);
    await tick();
    expect(draws.order).toEqual(['a', 'b', 'c']);
    draws.finish.get('b')!(false);
    draws.finish.get('c')!(true);
    await tick();
    drawer.heard('c'); // planned again by a later page: already drawn
    draws.finish.get('d')!(true);
    await tick();
    expect(draws.order).toEqual(['a', 'b', 'c', 'd']);
    expect(draws.most()).toBe(2);
    expect(drawer.count).toBe(4);
    expect(await drawer.started('b')).toBe(false);
    expect(await drawer.started('c')).toBe(true);
  });

  it('starts nothing after stop(), and leaves what was waiting to the caller', async () => {
    const draws = controlledDraws();
    const drawer = new BackgroundDrawer(draws.draw, { concurrency: 1 });
    drawer.heard('a');
    drawer.heard('b');
    drawer.stop();
    drawer.heard('c');
    draws.finish.get('a')!(true);
    await tick();
    expect(draws.order).toEqual(['a']);
    expect(await drawer.started('a')).toBe(true);
    expect(drawer.started('b')).toBeUndefined();
    expect(drawer.started('c')).toBeUndefined();
  });

  it('keeps a failed draw for the caller to see and goes on with the next', async () => {
    const draws = controlledDraws();
    const drawer = new BackgroundDrawer(draws.draw, { concurrency: 1 });
    drawer.heard('broken');
    drawer.heard('next');
    draws.fail.get('broken')!(new Error('hero "x.png" could not be decoded'));
    await tick();
    expect(draws.order).toEqual(['broken', 'next']);
    await expect(drawer.started('broken')).rejects.toThrow('hero "x.png" could not be decoded');
  });
});
