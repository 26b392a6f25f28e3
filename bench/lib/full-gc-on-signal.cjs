// Preloaded into a benchmarked server with `--expose-gc --require <this file>`: on SIGWINCH it runs
// three full collections at once, with nothing queued, as a long-running server meets now and
// then (decision 0043), and prints "full collections done".
process.on("SIGWINCH", () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
  }
  process.stdout.write("full collections done\n");
});
