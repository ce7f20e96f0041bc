// Original file: proto/spate.proto


export interface UnregisterWorkerParams {
  'workerId'?: (string);
}

export interface UnregisterWorkerParams__Output {
  'workerId': (string);
}
