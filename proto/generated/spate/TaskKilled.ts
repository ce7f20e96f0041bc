// Original file: proto/spate.proto


export interface TaskKilled {
  'reason'?: (string);
}

export interface TaskKilled__Output {
  'reason': (string);
}
