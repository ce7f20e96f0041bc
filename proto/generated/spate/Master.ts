// Original file: proto/spate.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ClusterStateParams as _spate_ClusterStateParams, ClusterStateParams__Output as _spate_ClusterStateParams__Output } from '../spate/ClusterStateParams';
import type { ClusterStateResult as _spate_ClusterStateResult, ClusterStateResult__Output as _spate_ClusterStateResult__Output } from '../spate/ClusterStateResult';
import type { HelloParams as _spate_HelloParams, HelloParams__Output as _spate_HelloParams__Output } from '../spate/HelloParams';
import type { HelloResult as _spate_HelloResult, HelloResult__Output as _spate_HelloResult__Output } from '../spate/HelloResult';
import type { RegisterApplicationParams as _spate_RegisterApplicationParams, RegisterApplicationParams__Output as _spate_RegisterApplicationParams__Output } from '../spate/RegisterApplicationParams';
import type { RegisterApplicationResult as _spate_RegisterApplicationResult, RegisterApplicationResult__Output as _spate_RegisterApplicationResult__Output } from '../spate/RegisterApplicationResult';
import type { RegisterWorkerParams as _spate_RegisterWorkerParams, RegisterWorkerParams__Output as _spate_RegisterWorkerParams__Output } from '../spate/RegisterWorkerParams';
import type { RegisterWorkerResult as _spate_RegisterWorkerResult, RegisterWorkerResult__Output as _spate_RegisterWorkerResult__Output } from '../spate/RegisterWorkerResult';
import type { UnregisterApplicationParams as _spate_UnregisterApplicationParams, UnregisterApplicationParams__Output as _spate_UnregisterApplicationParams__Output } from '../spate/UnregisterApplicationParams';
import type { UnregisterApplicationResult as _spate_UnregisterApplicationResult, UnregisterApplicationResult__Output as _spate_UnregisterApplicationResult__Output } from '../spate/UnregisterApplicationResult';
import type { UnregisterWorkerParams as _spate_UnregisterWorkerParams, UnregisterWorkerParams__Output as _spate_UnregisterWorkerParams__Output } from '../spate/UnregisterWorkerParams';
import type { UnregisterWorkerResult as _spate_UnregisterWorkerResult, UnregisterWorkerResult__Output as _spate_UnregisterWorkerResult__Output } from '../spate/UnregisterWorkerResult';
import type { WorkerHeartbeatParams as _spate_WorkerHeartbeatParams, WorkerHeartbeatParams__Output as _spate_WorkerHeartbeatParams__Output } from '../spate/WorkerHeartbeatParams';
import type { WorkerHeartbeatResult as _spate_WorkerHeartbeatResult, WorkerHeartbeatResult__Output as _spate_WorkerHeartbeatResult__Output } from '../spate/WorkerHeartbeatResult';

export interface MasterClient extends grpc.Client {
  ClusterState(argument: _spate_ClusterStateParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_ClusterStateResult__Output>): grpc.ClientUnaryCall;
  ClusterState(argument: _spate_ClusterStateParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_ClusterStateResult__Output>): grpc.ClientUnaryCall;
  ClusterState(argument: _spate_ClusterStateParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_ClusterStateResult__Output>): grpc.ClientUnaryCall;
  ClusterState(argument: _spate_ClusterStateParams, callback: grpc.requestCallback<_spate_ClusterStateResult__Output>): grpc.ClientUnaryCall;
  clusterState(argument: _spate_ClusterStateParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_ClusterStateResult__Output>): grpc.ClientUnaryCall;
  clusterState(argument: _spate_ClusterStateParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_ClusterStateResult__Output>): grpc.ClientUnaryCall;
  clusterState(argument: _spate_ClusterStateParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_ClusterStateResult__Output>): grpc.ClientUnaryCall;
  clusterState(argument: _spate_ClusterStateParams, callback: grpc.requestCallback<_spate_ClusterStateResult__Output>): grpc.ClientUnaryCall;
  
  Hello(argument: _spate_HelloParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  Hello(argument: _spate_HelloParams, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  hello(argument: _spate_HelloParams, callback: grpc.requestCallback<_spate_HelloResult__Output>): grpc.ClientUnaryCall;
  
  RegisterApplication(argument: _spate_RegisterApplicationParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_RegisterApplicationResult__Output>): grpc.ClientUnaryCall;
  RegisterApplication(argument: _spate_RegisterApplicationParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_RegisterApplicationResult__Output>): grpc.ClientUnaryCall;
  RegisterApplication(argument: _spate_RegisterApplicationParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_RegisterApplicationResult__Output>): grpc.ClientUnaryCall;
  RegisterApplication(argument: _spate_RegisterApplicationParams, callback: grpc.requestCallback<_spate_RegisterApplicationResult__Output>): grpc.ClientUnaryCall;
  registerApplication(argument: _spate_RegisterApplicationParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_RegisterApplicationResult__Output>): grpc.ClientUnaryCall;
  registerApplication(argument: _spate_RegisterApplicationParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_RegisterApplicationResult__Output>): grpc.ClientUnaryCall;
  registerApplication(argument: _spate_RegisterApplicationParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_RegisterApplicationResult__Output>): grpc.ClientUnaryCall;
  registerApplication(argument: _spate_RegisterApplicationParams, callback: grpc.requestCallback<_spate_RegisterApplicationResult__Output>): grpc.ClientUnaryCall;
  
  RegisterWorker(argument: _spate_RegisterWorkerParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_RegisterWorkerResult__Output>): grpc.ClientUnaryCall;
  RegisterWorker(argument: _spate_RegisterWorkerParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_RegisterWorkerResult__Output>): grpc.ClientUnaryCall;
  RegisterWorker(argument: _spate_RegisterWorkerParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_RegisterWorkerResult__Output>): grpc.ClientUnaryCall;
  RegisterWorker(argument: _spate_RegisterWorkerParams, callback: grpc.requestCallback<_spate_RegisterWorkerResult__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _spate_RegisterWorkerParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_RegisterWorkerResult__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _spate_RegisterWorkerParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_RegisterWorkerResult__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _spate_RegisterWorkerParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_RegisterWorkerResult__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _spate_RegisterWorkerParams, callback: grpc.requestCallback<_spate_RegisterWorkerResult__Output>): grpc.ClientUnaryCall;
  
  UnregisterApplication(argument: _spate_UnregisterApplicationParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_UnregisterApplicationResult__Output>): grpc.ClientUnaryCall;
  UnregisterApplication(argument: _spate_UnregisterApplicationParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_UnregisterApplicationResult__Output>): grpc.ClientUnaryCall;
  UnregisterApplication(argument: _spate_UnregisterApplicationParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_UnregisterApplicationResult__Output>): grpc.ClientUnaryCall;
  UnregisterApplication(argument: _spate_UnregisterApplicationParams, callback: grpc.requestCallback<_spate_UnregisterApplicationResult__Output>): grpc.ClientUnaryCall;
  unregisterApplication(argument: _spate_UnregisterApplicationParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_UnregisterApplicationResult__Output>): grpc.ClientUnaryCall;
  unregisterApplication(argument: _spate_UnregisterApplicationParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_UnregisterApplicationResult__Output>): grpc.ClientUnaryCall;
  unregisterApplication(argument: _spate_UnregisterApplicationParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_UnregisterApplicationResult__Output>): grpc.ClientUnaryCall;
  unregisterApplication(argument: _spate_UnregisterApplicationParams, callback: grpc.requestCallback<_spate_UnregisterApplicationResult__Output>): grpc.ClientUnaryCall;
  
  UnregisterWorker(argument: _spate_UnregisterWorkerParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_UnregisterWorkerResult__Output>): grpc.ClientUnaryCall;
  UnregisterWorker(argument: _spate_UnregisterWorkerParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_UnregisterWorkerResult__Output>): grpc.ClientUnaryCall;
  UnregisterWorker(argument: _spate_UnregisterWorkerParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_UnregisterWorkerResult__Output>): grpc.ClientUnaryCall;
  UnregisterWorker(argument: _spate_UnregisterWorkerParams, callback: grpc.requestCallback<_spate_UnregisterWorkerResult__Output>): grpc.ClientUnaryCall;
  unregisterWorker(argument: _spate_UnregisterWorkerParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_UnregisterWorkerResult__Output>): grpc.ClientUnaryCall;
  unregisterWorker(argument: _spate_UnregisterWorkerParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_UnregisterWorkerResult__Output>): grpc.ClientUnaryCall;
  unregisterWorker(argument: _spate_UnregisterWorkerParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_UnregisterWorkerResult__Output>): grpc.ClientUnaryCall;
  unregisterWorker(argument: _spate_UnregisterWorkerParams, callback: grpc.requestCallback<_spate_UnregisterWorkerResult__Output>): grpc.ClientUnaryCall;
  
  WorkerHeartbeat(argument: _spate_WorkerHeartbeatParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_WorkerHeartbeatResult__Output>): grpc.ClientUnaryCall;
  WorkerHeartbeat(argument: _spate_WorkerHeartbeatParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_WorkerHeartbeatResult__Output>): grpc.ClientUnaryCall;
  WorkerHeartbeat(argument: _spate_WorkerHeartbeatParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_WorkerHeartbeatResult__Output>): grpc.ClientUnaryCall;
  WorkerHeartbeat(argument: _spate_WorkerHeartbeatParams, callback: grpc.requestCallback<_spate_WorkerHeartbeatResult__Output>): grpc.ClientUnaryCall;
  workerHeartbeat(argument: _spate_WorkerHeartbeatParams, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_WorkerHeartbeatResult__Output>): grpc.ClientUnaryCall;
  workerHeartbeat(argument: _spate_WorkerHeartbeatParams, metadata: grpc.Metadata, callback: grpc.requestCallback<_spate_WorkerHeartbeatResult__Output>): grpc.ClientUnaryCall;
  workerHeartbeat(argument: _spate_WorkerHeartbeatParams, options: grpc.CallOptions, callback: grpc.requestCallback<_spate_WorkerHeartbeatResult__Output>): grpc.ClientUnaryCall;
  workerHeartbeat(argument: _spate_WorkerHeartbeatParams, callback: grpc.requestCallback<_spate_WorkerHeartbeatResult__Output>): grpc.ClientUnaryCall;
  
}

export interface MasterHandlers extends grpc.UntypedServiceImplementation {
  ClusterState: grpc.handleUnaryCall<_spate_ClusterStateParams__Output, _spate_ClusterStateResult>;
  
  Hello: grpc.handleUnaryCall<_spate_HelloParams__Output, _spate_HelloResult>;
  
  RegisterApplication: grpc.handleUnaryCall<_spate_RegisterApplicationParams__Output, _spate_RegisterApplicationResult>;
  
  RegisterWorker: grpc.handleUnaryCall<_spate_RegisterWorkerParams__Output, _spate_RegisterWorkerResult>;
  
  UnregisterApplication: grpc.handleUnaryCall<_spate_UnregisterApplicationParams__Output, _spate_UnregisterApplicationResult>;
  
  UnregisterWorker: grpc.handleUnaryCall<_spate_UnregisterWorkerParams__Output, _spate_UnregisterWorkerResult>;
  
  WorkerHeartbeat: grpc.handleUnaryCall<_spate_WorkerHeartbeatParams__Output, _spate_WorkerHeartbeatResult>;
  
}

export interface MasterDefinition extends grpc.ServiceDefinition {
  ClusterState: MethodDefinition<_spate_ClusterStateParams, _spate_ClusterStateResult, _spate_ClusterStateParams__Output, _spate_ClusterStateResult__Output>
  Hello: MethodDefinition<_spate_HelloParams, _spate_HelloResult, _spate_HelloParams__Output, _spate_HelloResult__Output>
  RegisterApplication: MethodDefinition<_spate_RegisterApplicationParams, _spate_RegisterApplicationResult, _spate_RegisterApplicationParams__Output, _spate_RegisterApplicationResult__Output>
  RegisterWorker: MethodDefinition<_spate_RegisterWorkerParams, _spate_RegisterWorkerResult, _spate_RegisterWorkerParams__Output, _spate_RegisterWorkerResult__Output>
  UnregisterApplication: MethodDefinition<_spate_UnregisterApplicationParams, _spate_UnregisterApplicationResult, _spate_UnregisterApplicationParams__Output, _spate_UnregisterApplicationResult__Output>
  UnregisterWorker: MethodDefinition<_spate_UnregisterWorkerParams, _spate_UnregisterWorkerResult, _spate_UnregisterWorkerParams__Output, _spate_UnregisterWorkerResult__Output>
  WorkerHeartbeat: MethodDefinition<_spate_WorkerHeartbeatParams, _spate_WorkerHeartbeatResult, _spate_WorkerHeartbeatParams__Output, _spate_WorkerHeartbeatResult__Output>
}
