// Original file: proto/spate.proto

import type { RemoteCause as _spate_RemoteCause, RemoteCause__Output as _spate_RemoteCause__Output } from '../spate/RemoteCause';

export interface TaskException {
  'code'?: (string);
  'message'?: (string);
  'cause'?: (_spate_RemoteCause | null);
  'fnSource'?: (string);
  'retriable'?: (boolean);
}

export interface TaskException__Output {
  'code': (string);
  'message': (string);
  'cause': (_spate_RemoteCause__Output | null);
  'fnSource': (string);
  'retriable': (boolean);
}
