// Original file: proto/spate.proto

import type { Long } from '@grpc/proto-loader';

export interface BlockChunk {
  'totalSize'?: (number | string | Long);
  'offset'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
}

export interface BlockChunk__Output {
  'totalSize': (number);
  'offset': (number);
  'data': (Buffer);
}
