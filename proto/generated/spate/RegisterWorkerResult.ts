// Original file: proto/spate.proto


export interface RegisterWorkerResult {
  'heartbeatIntervalMs'?: (number);
  'sealedWorkerKey'?: (Buffer | Uint8Array | string);
}

export interface RegisterWorkerResult__Output {
  'heartbeatIntervalMs': (number);
  'sealedWorkerKey': (Buffer);
}
