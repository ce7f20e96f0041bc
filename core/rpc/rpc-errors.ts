/**
 * How failures cross gRPC: an EngineError raised by a handler goes out as a status (its code in
 * the status details' prefix), and a status that comes back becomes an EngineError naming the
 * peer: UNAUTHENTICATED is AUTH_FAILED, UNAVAILABLE and DEADLINE_EXCEEDED are UNREACHABLE.
 */
import { status as Status, type ServiceError, type StatusObject } from "@grpc/grpc-js";
import { EngineError, type EngineErrorCode } from "../engine-error.js";

const TO_STATUS: Partial<Record<EngineErrorCode, Status>> = {
  INVALID_ARGUMENT: Status.INVALID_ARGUMENT,
  CORRUPT_DATA: Status.INVALID_ARGUMENT,
  AUTH_FAILED: Status.UNAUTHENTICATED,
  UNREACHABLE: Status.UNAVAILABLE,
  CONTEXT_STOPPED: Status.FAILED_PRECONDITION,
};

/** The status a handler's failure is answered with. */
export function statusOf(e: unknown): Partial<StatusObject> {
  if (e instanceof EngineError) return { code: TO_STATUS[e.code] ?? Status.INTERNAL, details: `${e.code}: ${e.message}` };
  return { code: Status.INTERNAL, details: `INTERNAL: ${e instanceof Error ? e.message : String(e)}` };
}

const CODES: ReadonlySet<string> = new Set<EngineErrorCode>([
  "INVALID_ARGUMENT", "UNBOUND_IDENTIFIER", "UNSERIALIZABLE", "TASK_FAILED", "JOB_ABORTED", "JOB_CANCELLED", "CONTEXT_STOPPED",
  "EMPTY_RDD", "UNREACHABLE", "AUTH_FAILED", "CORRUPT_DATA", "INTERNAL",
]);

/**
 * The EngineError for a failed call to `what` (e.g. "the master at node01:7077"). An error the
 * peer's handler raised keeps its own code and words (the peer was reached: "the master at ...:
 * no worker could start an executor", never "cannot be reached"); the transport's failures say
 * what they mean.
 */
export function errorOf(e: unknown, what: string): EngineError {
  if (e instanceof EngineError) return e;
  const se = e as Partial<ServiceError>;
  const details = se.details ?? (e instanceof Error ? e.message : String(e));
  const own = /^([A-Z_]+): ([\s\S]*)$/.exec(details);
  if (own !== null && CODES.has(own[1]!) && se.code !== Status.UNAUTHENTICATED) return new EngineError(own[1] as EngineErrorCode, `${what}: ${own[2]}`);
  switch (se.code) {
    case Status.UNAUTHENTICATED:
      return new EngineError("AUTH_FAILED", `${what} refused our secret (${details}). Use the same secret file as the master (--secret-file, SPATE_SECRET or ~/.spate/secret).`);
    case Status.UNAVAILABLE:
    case Status.DEADLINE_EXCEEDED:
      return new EngineError("UNREACHABLE", `${what} cannot be reached (${details}). Check that it is running, that the host and port are right, and that no firewall is in the way.`);
    case Status.RESOURCE_EXHAUSTED:
      return new EngineError("INVALID_ARGUMENT", `${what} refused a message over the size limit (${details})`);
    default: {
      const m = /^([A-Z_]+): ([\s\S]*)$/.exec(details);
      if (m) return new EngineError(m[1] as EngineErrorCode, `${what}: ${m[2]}`);
      return new EngineError("INTERNAL", `${what}: ${details}`);
    }
  }
}
