// Original file: proto/spate.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DriverMessage as _spate_DriverMessage, DriverMessage__Output as _spate_DriverMessage__Output } from '../spate/DriverMessage';
import type { ExecutorExitedParams as _spate_ExecutorExitedParams, ExecutorExitedParams__Output as _spate_ExecutorExitedParams__Output } from '../spate/ExecutorExitedParams';
import type { ExecutorExitedResult as _spate_ExecutorExitedResult, ExecutorExitedResult__Output as _spate_ExecutorExitedResult__Output } from '../spate/ExecutorExitedResult';
import type { ExecutorMessage as _spate_ExecutorMessage, ExecutorMessage__Output as _spate_ExecutorMessage__Output } from '../spate/ExecutorMessage';
import type { FetchBroadcastParams as _spate_FetchBroadcastParams, FetchBroadcastParams__Output as _spate_FetchBroadcastParams__Output } from '../spate/FetchBroadcastParams';
import type { FetchBroadcastResult as _spate_FetchBroadcastResult, FetchBroadcastResult__Output as _spate_FetchBroadcastResult__Output } from '../spate/FetchBroadcastResult';
import type { HelloParams as _spate_HelloParams, HelloParams__Output as _spate_HelloParams__Output } from '../spate/HelloParams';
import type { HelloResult as _spate_HelloResult, HelloResult__Output as _spate_HelloResult__Output } from '../spate/HelloResult';

export interface DriverClient extends grpc.Client {
  Connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_spate_ExecutorMessage, _spate_DriverMessage__Output>;
  Connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_spate_ExecutorMessage, _spate_DriverMessage__Output>;
  connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_spate_ExecutorMessage, _spate_DriverMessage__Output>;
  connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_spate_ExecutorMessage, _spate_DriverMessage__Output>;
  
  ExecutorExited(argument: _spate_ExecutorExitedParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_ExecutorExitedResult__Output>): grpc.ClientUnaryCall;
  ExecutorExited(argument: _spate_ExecutorExitedParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_ExecutorExitedResult__Output>): grpc.ClientUnaryCall;
  ExecutorExited(argument: _spate_ExecutorExitedParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_ExecutorExitedResult__Output>): grpc.ClientUnaryCall;
  ExecutorExited(argument: _spate_ExecutorExitedParams, callback: grpc.requestCallback<_spate_ExecutorExitedResult__Output>): grpc.ClientUnaryCall;
  executorExited(argument: _spate_ExecutorExitedParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_ExecutorExitedResult__Output>): grpc.ClientUnaryCall;
  executorExited(argument: _spate_ExecutorExitedParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_ExecutorExitedResult__Output>): grpc.ClientUnaryCall;
  executorExited(argument: _spate_ExecutorExitedParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_ExecutorExitedResult__Output>): grpc.ClientUnaryCall;
  executorExited(argument: _spate_ExecutorExitedParams, callback: grpc.requestCallback<_spate_ExecutorExitedResult__Output>): grpc.ClientUnaryCall;
  
  FetchBroadcast(argument: _spate_FetchBroadcastParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_FetchBroadcastResult__Output>): grpc.ClientUnaryCall;
  FetchBroadcast(argument: _spate_FetchBroadcastParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_FetchBroadcastResult__Output>): grpc.ClientUnaryCall;
  FetchBroadcast(argument: _spate_FetchBroadcastParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_FetchBroadcastResult__Output>): grpc.ClientUnaryCall;
  FetchBroadcast(argument: _spate_FetchBroadcastParams, callback: grpc.requestCallback<_spate_FetchBroadcastResult__Output>): grpc.ClientUnaryCall;
  fetchBroadcast(argument: _spate_FetchBroadcastParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_FetchBroadcastResult__Output>): grpc.ClientUnaryCall;
  fetchBroadcast(argument: _spate_FetchBroadcastParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_FetchBroadcastResult__Output>): grpc.ClientUnaryCall;
  fetchBroadcast(argument: _spate_FetchBroadcastParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_FetchBroadcastResult__Output>): grpc.ClientUnaryCall;
  fetchBroadcast(argument: _spate_FetchBroadcastParams, callback: grpc.requestCallback<_spate_FetchBroadcastResult__Output>): grpc.ClientUnaryCall;
  
  Hello(argument: _spate_HelloParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  
}

export interface DriverHandlers extends grpc.UntypedServiceImplementation {
  Connect: grpc.handleBidiStreamingCall<_spate_ExecutorMessage__Output, _spate_DriverMessage>;
  
  ExecutorExited: grpc.handleUnaryCall<_spate_ExecutorExitedParams__Output, _spate_ExecutorExitedResult>;
  
  FetchBroadcast: grpc.handleUnaryCall<_spate_FetchBroadcastParams__Output, _spate_FetchBroadcastResult>;
  
  Hello: grpc.handleUnaryCall<_spate_HelloParams__Output, _spate_HelloResult>;
  
}

export interface DriverDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_spate_ExecutorMessage, _spate_DriverMessage, _spate_ExecutorMessage__Output, _spate_DriverMessage__Output>
  ExecutorExited: MethodDefinition<_spate_ExecutorExitedParams, _spate_ExecutorExitedResult, _spate_ExecutorExitedParams__Output, _spate_ExecutorExitedResult__Output>
  FetchBroadcast: MethodDefinition<_spate_FetchBroadcastParams, _spate_FetchBroadcastResult, _spate_FetchBroadcastParams__Output, _spate_FetchBroadcastResult__Output>
  Hello: MethodDefinition<_spate_HelloParams, _spate_HelloResult, _spate_HelloParams__Output, _spate_HelloResult__Output>
}
