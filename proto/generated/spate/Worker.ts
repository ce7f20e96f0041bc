// Original file: proto/spate.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { HelloParams as _spate_HelloParams, HelloParams__Output as _spate_HelloParams__Output } from '../spate/HelloParams';
import type { HelloResult as _spate_HelloResult, HelloResult__Output as _spate_HelloResult__Output } from '../spate/HelloResult';
import type { KillApplicationParams as _spate_KillApplicationParams, KillApplicationParams__Output as _spate_KillApplicationParams__Output } from '../spate/KillApplicationParams';
import type { KillApplicationResult as _spate_KillApplicationResult, KillApplicationResult__Output as _spate_KillApplicationResult__Output } from '../spate/KillApplicationResult';
import type { LaunchExecutorParams as _spate_LaunchExecutorParams, LaunchExecutorParams__Output as _spate_LaunchExecutorParams__Output } from '../spate/LaunchExecutorParams';
import type { LaunchExecutorResult as _spate_LaunchExecutorResult, LaunchExecutorResult__Output as _spate_LaunchExecutorResult__Output } from '../spate/LaunchExecutorResult';

export interface WorkerClient extends grpc.Client {
  Hello(argument: _spate_HelloParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  
  KillApplication(argument: _spate_KillApplicationParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_KillApplicationResult__Output>): grpc.ClientUnaryCall;
  KillApplication(argument: _spate_KillApplicationParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_KillApplicationResult__Output>): grpc.ClientUnaryCall;
  KillApplication(argument: _spate_KillApplicationParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_KillApplicationResult__Output>): grpc.ClientUnaryCall;
  KillApplication(argument: _spate_KillApplicationParams, callback: grpc.requestCallback<_spate_KillApplicationResult__Output>): grpc.ClientUnaryCall;
  killApplication(argument: _spate_KillApplicationParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_KillApplicationResult__Output>): grpc.ClientUnaryCall;
  killApplication(argument: _spate_KillApplicationParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_KillApplicationResult__Output>): grpc.ClientUnaryCall;
  killApplication(argument: _spate_KillApplicationParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_KillApplicationResult__Output>): grpc.ClientUnaryCall;
  killApplication(argument: _spate_KillApplicationParams, callback: grpc.requestCallback<_spate_KillApplicationResult__Output>): grpc.ClientUnaryCall;
  
  LaunchExecutor(argument: _spate_LaunchExecutorParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_LaunchExecutorResult__Output>): grpc.ClientUnaryCall;
  LaunchExecutor(argument: _spate_LaunchExecutorParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_LaunchExecutorResult__Output>): grpc.ClientUnaryCall;
  LaunchExecutor(argument: _spate_LaunchExecutorParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_LaunchExecutorResult__Output>): grpc.ClientUnaryCall;
  LaunchExecutor(argument: _spate_LaunchExecutorParams, callback: grpc.requestCallback<_spate_LaunchExecutorResult__Output>): grpc.ClientUnaryCall;
  launchExecutor(argument: _spate_LaunchExecutorParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_LaunchExecutorResult__Output>): grpc.ClientUnaryCall;
  launchExecutor(argument: _spate_LaunchExecutorParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_LaunchExecutorResult__Output>): grpc.ClientUnaryCall;
  launchExecutor(argument: _spate_LaunchExecutorParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_LaunchExecutorResult__Output>): grpc.ClientUnaryCall;
  launchExecutor(argument: _spate_LaunchExecutorParams, callback: grpc.requestCallback<_spate_LaunchExecutorResult__Output>): grpc.ClientUnaryCall;
  
}

export interface WorkerHandlers extends grpc.UntypedServiceImplementation {
  Hello: grpc.handleUnaryCall<_spate_HelloParams__Output, _spate_HelloResult>;
  
  KillApplication: grpc.handleUnaryCall<_spate_KillApplicationParams__Output, _spate_KillApplicationResult>;
  
  LaunchExecutor: grpc.handleUnaryCall<_spate_LaunchExecutorParams__Output, _spate_LaunchExecutorResult>;
  
}

export interface WorkerDefinition extends grpc.ServiceDefinition {
  Hello: MethodDefinition<_spate_HelloParams, _spate_HelloResult, _spate_HelloParams__Output, _spate_HelloResult__Output>
  KillApplication: MethodDefinition<_spate_KillApplicationParams, _spate_KillApplicationResult, _spate_KillApplicationParams__Output, _spate_KillApplicationResult__Output>
  LaunchExecutor: MethodDefinition<_spate_LaunchExecutorParams, _spate_LaunchExecutorResult, _spate_LaunchExecutorParams__Output, _spate_LaunchExecutorResult__Output>
}
