// Original file: proto/spate.proto


export interface RegisterExecutor {
  'executorId'?: (string);
  'host'?: (string);
  'port'?: (number);
  'cores'?: (number);
}

export interface RegisterExecutor__Output {
  'executorId': (string);
  'host': (string);
  'port': (number);
  'cores': (number);
}
