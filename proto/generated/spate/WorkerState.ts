// Original file: proto/spate.proto


export interface WorkerState {
  'workerId'?: (string);
  'host'?: (string);
  'port'?: (number);
  'cores'?: (number);
  'coresUsed'?: (number);
  'alive'?: (boolean);
}

export interface WorkerState__Output {
  'workerId': (string);
  'host': (string);
  'port': (number);
  'cores': (number);
  'coresUsed': (number);
  'alive': (boolean);
}
