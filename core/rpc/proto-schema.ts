/**
 * The protocol's schema at run time: proto/spate.proto loaded with @grpc/proto-loader (with the
 * same options the committed types under proto/generated were made with), and each service's
 * methods with their (de)serializers. Servers and clients use these to encode and decode
 * messages themselves, after the caller is authenticated.
 */
import path from "node:path";
import { packageRoot } from "../package-layout.js";
import { existsSync, readFileSync } from "node:fs";
import { fromJSON, loadSync, type MethodDefinition, type PackageDefinition } from "@grpc/proto-loader";

/** Options shared with `npm run proto:gen` (see package.json). */
export const LOADER_OPTIONS = { keepCase: false, longs: Number, enums: String, defaults: true, arrays: true, oneofs: true } as const;

export type ServiceName = "Master" | "Worker" | "Driver" | "Executor";

let loaded: PackageDefinition | undefined;

export function protoPath(): string {
  return path.join(packageRoot(), "proto", "spate.proto");
}

function definition(): PackageDefinition {
  if (loaded) return loaded;
  // the build's JSON descriptor (proto/build-json.mjs) loads faster than parsing the .proto
  const json = path.join(packageRoot(), "dist", "proto", "spate.json");
  loaded = existsSync(json) ? fromJSON(JSON.parse(readFileSync(json, "utf8")) as Parameters<typeof fromJSON>[0], LOADER_OPTIONS) : loadSync(protoPath(), LOADER_OPTIONS);
  return loaded;
}

export interface MethodInfo {
  service: ServiceName;
  name: string;
  path: string;
  requestStream: boolean;
  responseStream: boolean;
  encodeRequest(value: unknown): Buffer;
  decodeRequest(bytes: Buffer): unknown;
  encodeResponse(value: unknown): Buffer;
  decodeResponse(bytes: Buffer): unknown;
}

/** The methods of a service, by name. */
export function serviceMethods(service: ServiceName): Map<string, MethodInfo> {
  const def = definition()[`spate.${service}`] as Record<string, MethodDefinition<unknown, unknown>>;
  const out = new Map<string, MethodInfo>();
  for (const [name, m] of Object.entries(def)) {
    out.set(name, {
      service, name, path: m.path, requestStream: m.requestStream, responseStream: m.responseStream,
      encodeRequest: m.requestSerialize, decodeRequest: m.requestDeserialize,
      encodeResponse: m.responseSerialize, decodeResponse: m.responseDeserialize,
    });
  }
  return out;
}
