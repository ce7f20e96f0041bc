// Original file: proto/spate.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BlockChunk as _spate_BlockChunk, BlockChunk__Output as _spate_BlockChunk__Output } from '../spate/BlockChunk';
import type { FetchBlockParams as _spate_FetchBlockParams, FetchBlockParams__Output as _spate_FetchBlockParams__Output } from '../spate/FetchBlockParams';
import type { HelloParams as _spate_HelloParams, HelloParams__Output as _spate_HelloParams__Output } from '../spate/HelloParams';
import type { HelloResult as _spate_HelloResult, HelloResult__Output as _spate_HelloResult__Output } from '../spate/HelloResult';

export interface ExecutorClient extends grpc.Client {
  FetchBlock(argument: _spate_FetchBlockParams, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_spate_BlockChunk__Output>;
  FetchBlock(argument: _spate_FetchBlockParams, options?: grpc.CallOptions): grpc.ClientReadableStream<_spate_BlockChunk__Output>;
  fetchBlock(argument: _spate_FetchBlockParams, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_spate_BlockChunk__Output>;
  fetchBlock(argument: _spate_FetchBlockParams, options?: grpc.CallOptions): grpc.ClientReadableStream<_spate_BlockChunk__Output>;
  
  Hello(argument: _spate_HelloParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  
}

export interface ExecutorHandlers extends grpc.UntypedServiceImplementation {
  FetchBlock: grpc.handleServerStreamingCall<_spate_FetchBlockParams__Output, _spate_BlockChunk>;
  
  Hello: grpc.handleUnaryCall<_spate_HelloParams__Output, _spate_HelloResult>;
  
}

export interface ExecutorDefinition extends grpc.ServiceDefinition {
  FetchBlock: MethodDefinition<_spate_FetchBlockParams, _spate_BlockChunk, _spate_FetchBlockParams__Output, _spate_BlockChunk__Output>
  Hello: MethodDefinition<_spate_HelloParams, _spate_HelloResult, _spate_HelloParams__Output, _spate_HelloResult__Output>
}
