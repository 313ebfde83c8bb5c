/**
 * Everything the benchmark starts or creates registers how to undo it here; the registry runs on
 * a normal end, on an error, and on Ctrl+C / SIGTERM, newest first.
 */
type Disposer = () => Promise<void> | void;

const disposers: Disposer[] = [];
let running: Promise<void> | undefined;

/** Registers `dispose`; the returned function runs it now (once) and unregisters it. */
export function onCleanup(dispose: Disposer): () => Promise<void> {
  let done = false;
  const once: Disposer = async () => {
    if (done) return;
    done = true;
    await dispose();
  };
  disposers.push(once);
  return async () => {
    const index = disposers.indexOf(once);
    if (index >= 0) disposers.splice(index, 1);
    await once();
  };
}

/** True once the cleanup has begun (an end, an error, a signal, a deadline): start nothing new. */
export function isStopping(): boolean {
  return running !== undefined;
}

export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (disposers.length > 0) {
      const dispose = disposers.pop()!;
      try {
        await dispose();
      } catch (error) {
        console.error('cleanup:', error instanceof Error ? error.message : error);
      }
    }
  })();
  return running;
}

/** Ctrl+C, SIGTERM and crashes stop every child and remove every temp dir before exiting. */
export function installExitHandlers(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping everything the benchmark started…`);
      void cleanupAll().finally(() => process.exit(code));
    });
  }
  const crash = (error: unknown) => {
    console.error(error);
    void cleanupAll().finally(() => process.exit(1));
  };
  process.once('uncaughtException', crash);
  process.once('unhandledRejection', crash);
}
