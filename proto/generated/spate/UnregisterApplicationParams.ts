// Original file: proto/spate.proto


export interface UnregisterApplicationParams {
  'appId'?: (string);
}

export interface UnregisterApplicationParams__Output {
  'appId': (string);
}
