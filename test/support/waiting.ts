/** Waits until `condition` holds, checking every 25 ms; fails naming `what` after `attempts` checks. */
export async function until(condition: () => boolean, what: string, attempts = 400): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** A promise that stays pending until `release()`: a stand-in that answers nothing until then. */
export function held(): { hold: Promise<void>; release: () => void } {
  let release = () => {};
  const hold = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { hold, release };
}
