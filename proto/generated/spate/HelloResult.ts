// Original file: proto/spate.proto


export interface HelloResult {
  'bootId'?: (string);
}

export interface HelloResult__Output {
  'bootId': (string);
}
