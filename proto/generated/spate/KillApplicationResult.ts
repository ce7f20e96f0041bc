// Original file: proto/spate.proto


export interface KillApplicationResult {
  'killed'?: (number);
}

export interface KillApplicationResult__Output {
  'killed': (number);
}
