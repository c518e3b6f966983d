/** Conversion between Hrana JSON values and values for the `libsql` binding. */

export type BindValue = null | bigint | number | string | Buffer;

export type HranaValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

/** A malformed request (wrong field types, ...). Reported as an error result. */
export class ProtoError extends Error {
  code = "PROTO_ERROR";
}

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;
const INT_RE = /^[+-]?\d{1,20}$/;
const B64_RE = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export function valueFromHrana(v: unknown): BindValue {
  if (!isObject(v)) throw new ProtoError("Value must be an object");
  switch (v.type) {
    case "null":
      return null;
    case "integer": {
      const raw = v.value;
      let big: bigint;
      if (typeof raw === "string" && INT_RE.test(raw)) {
        big = BigInt(raw);
      } else if (typeof raw === "number" && Number.isSafeInteger(raw)) {
        big = BigInt(raw);
      } else {
        throw new ProtoError("Integer value must be a string containing a 64-bit integer");
      }
      if (big < MIN_I64 || big > MAX_I64) throw new ProtoError("Integer value out of 64-bit range");
      return big;
    }
    case "float": {
      const raw = v.value;
      if (typeof raw !== "number" || !Number.isFinite(raw)) throw new ProtoError("Float value must be a finite number");
      return raw;
    }
    case "text":
      if (typeof v.value !== "string") throw new ProtoError("Text value must be a string");
      return v.value;
    case "blob": {
      const b64 = v.base64;
      if (typeof b64 !== "string" || !B64_RE.test(b64)) throw new ProtoError("Blob value must have a base64 string");
      return Buffer.from(b64, "base64");
    }
    default:
      throw new ProtoError(`Unknown value type ${JSON.stringify(v.type)}`);
  }
}

export function valueToHrana(x: unknown): HranaValue {
  if (x === null || x === undefined) return { type: "null" };
  if (typeof x === "bigint") return { type: "integer", value: x.toString() };
  if (typeof x === "number") {
    // with safeIntegers enabled, SQLite INTEGERs come back as bigint; numbers are REALs
    if (!Number.isFinite(x)) return { type: "null" };
    return { type: "float", value: x };
  }
  if (typeof x === "string") return { type: "text", value: x };
  if (x instanceof Uint8Array) {
    return { type: "blob", base64: Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString("base64") };
  }
  if (x instanceof ArrayBuffer) return { type: "blob", base64: Buffer.from(x).toString("base64") };
  if (typeof x === "boolean") return { type: "integer", value: x ? "1" : "0" };
  return { type: "text", value: String(x) };
}
