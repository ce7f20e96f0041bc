// Original file: proto/spate.proto


export interface WorkerHeartbeatResult {
  'reregister'?: (boolean);
}

export interface WorkerHeartbeatResult__Output {
  'reregister': (boolean);
}
