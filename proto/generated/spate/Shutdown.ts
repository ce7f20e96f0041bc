// Original file: proto/spate.proto


export interface Shutdown {
  'reason'?: (string);
}

export interface Shutdown__Output {
  'reason': (string);
}
