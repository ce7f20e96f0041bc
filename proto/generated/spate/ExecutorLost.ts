// Original file: proto/spate.proto


export interface ExecutorLost {
  'executorId'?: (string);
  'message'?: (string);
}

export interface ExecutorLost__Output {
  'executorId': (string);
  'message': (string);
}
