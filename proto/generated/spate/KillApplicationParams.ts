// Original file: proto/spate.proto


export interface KillApplicationParams {
  'appId'?: (string);
}

export interface KillApplicationParams__Output {
  'appId': (string);
}
