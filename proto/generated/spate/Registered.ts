// Original file: proto/spate.proto


export interface Registered {
  'appId'?: (string);
  'heartbeatIntervalMs'?: (number);
}

export interface Registered__Output {
  'appId': (string);
  'heartbeatIntervalMs': (number);
}
