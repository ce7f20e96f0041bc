// Original file: proto/spate.proto


export interface ExecutorExitedParams {
  'appId'?: (string);
  'executorId'?: (string);
  'cause'?: (string);
  'outOfMemory'?: (boolean);
}

export interface ExecutorExitedParams__Output {
  'appId': (string);
  'executorId': (string);
  'cause': (string);
  'outOfMemory': (boolean);
}
