// Checking as the person types, latest state wins: while Python answers one
// check, further edits wait for it, and then one more check runs with the
// newest state. Returns the function that asks for a check; its promise
// settles once a check of the state at the time of asking has been shown (or
// held until a press ends: steady.mjs).
export function latestWins(run, failed) {
  let running = null;
  let queued = null;
  const schedule = () => {
    if (running) {
      queued ??= running.then(() => {
        queued = null;
        return schedule();
      });
      return queued;
    }
    running = run().catch(failed).finally(() => {
      running = null;
    });
    return running;
  };
  return schedule;
}
