/** Context.create against a standalone master that cannot be reached fails (it does not hang), naming it. */
import test from "ava";
import { Context, EngineError } from "../../api/index.js";

test("an unreachable master fails Context.create with its address and what to check", async (t) => {
  t.timeout(60_000, "Context.create must give up on an unreachable master, not wait for ever");
  const err = (await t.throwsAsync(Context.create({ master: "spate://127.0.0.1:9", secret: "x".repeat(32), connectTimeoutMs: 2000 }))) as EngineError;
  t.is(err.code, "UNREACHABLE");
  t.regex(err.message, /spate:\/\/127\.0\.0\.1:9/);
  t.regex(err.message, /spate master/);
});

test("a missing secret file is AUTH_FAILED naming the file", async (t) => {
  const saved = { ...process.env };
  try {
    delete process.env.SPATE_SECRET;
    process.env.SPATE_SECRET_FILE = "/nonexistent/spate-secret";
    const err = (await t.throwsAsync(Context.create({ master: "spate://127.0.0.1:9" }))) as EngineError;
    t.is(err.code, "AUTH_FAILED");
    t.regex(err.message, /\/nonexistent\/spate-secret/);
  } finally {
    process.env = saved;
  }
});
