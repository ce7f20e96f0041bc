// Original file: proto/spate.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BlockChunk as _spate_BlockChunk, BlockChunk__Output as _spate_BlockChunk__Output } from '../spate/BlockChunk';
import type { FetchBlockParams as _spate_FetchBlockParams, FetchBlockParams__Output as _spate_FetchBlockParams__Output } from '../spate/FetchBlockParams';

export interface ExecutorClient extends grpc.Client {
  FetchBlock(argument: _spate_FetchBlockParams, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_spate_BlockChunk__Output>;
  FetchBlock(argument: _spate_FetchBlockParams, options?: grpc.CallOptions): grpc.ClientReadableStream<_spate_BlockChunk__Output>;
  fetchBlock(argument: _spate_FetchBlockParams, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_spate_BlockChunk__Output>;
  fetchBlock(argument: _spate_FetchBlockParams, options?: grpc.CallOptions): grpc.ClientReadableStream<_spate_BlockChunk__Output>;
  
}

export interface ExecutorHandlers extends grpc.UntypedServiceImplementation {
  FetchBlock: grpc.handleServerStreamingCall<_spate_FetchBlockParams__Output, _spate_BlockChunk>;
  
}

export interface ExecutorDefinition extends grpc.ServiceDefinition {
  FetchBlock: MethodDefinition<_spate_FetchBlockParams, _spate_BlockChunk, _spate_FetchBlockParams__Output, _spate_BlockChunk__Output>
}
