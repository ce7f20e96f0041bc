// Original file: proto/spate.proto


export interface ExecutorRef {
  'appId'?: (string);
  'executorId'?: (string);
  'cores'?: (number);
}

export interface ExecutorRef__Output {
  'appId': (string);
  'executorId': (string);
  'cores': (number);
}
