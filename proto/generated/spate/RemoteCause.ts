// Original file: proto/spate.proto


export interface RemoteCause {
  'name'?: (string);
  'message'?: (string);
  'stack'?: (string);
}

export interface RemoteCause__Output {
  'name': (string);
  'message': (string);
  'stack': (string);
}
