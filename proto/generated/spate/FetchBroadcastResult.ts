// Original file: proto/spate.proto


export interface FetchBroadcastResult {
  'value'?: (Buffer | Uint8Array | string);
}

export interface FetchBroadcastResult__Output {
  'value': (Buffer);
}
