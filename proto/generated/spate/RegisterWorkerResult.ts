// Original file: proto/spate.proto


export interface RegisterWorkerResult {
  'heartbeatIntervalMs'?: (number);
}

export interface RegisterWorkerResult__Output {
  'heartbeatIntervalMs': (number);
}
