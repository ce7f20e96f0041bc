// Original file: proto/spate.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ClusterStateParams as _spate_ClusterStateParams, ClusterStateParams__Output as _spate_ClusterStateParams__Output } from '../spate/ClusterStateParams';
import type { ClusterStateResult as _spate_ClusterStateResult, ClusterStateResult__Output as _spate_ClusterStateResult__Output } from '../spate/ClusterStateResult';
import type { RegisterApplicationParams as _spate_RegisterApplicationParams, RegisterApplicationParams__Output as _spate_RegisterApplicationParams__Output } from '../spate/RegisterApplicationParams';
import type { RegisterApplicationResult as _spate_RegisterApplicationResult, RegisterApplicationResult__Output as _spate_RegisterApplicationResult__Output } from '../spate/RegisterApplicationResult';
import type { RegisterWorkerParams as _spate_RegisterWorkerParams, RegisterWorkerParams__Output as _spate_RegisterWorkerParams__Output } from '../spate/RegisterWorkerParams';
import type { RegisterWorkerResult as _spate_RegisterWorkerResult, RegisterWorkerResult__Output as _spate_RegisterWorkerResult__Output } from '../spate/RegisterWorkerResult';
import type { UnregisterApplicationParams as _spate_UnregisterApplicationParams, UnregisterApplicationParams__Output as _spate_UnregisterApplicationParams__Output } from '../spate/UnregisterApplicationParams';
import type { UnregisterApplicationResult as _spate_UnregisterApplicationResult, UnregisterApplicationResult__Output as _spate_UnregisterApplicationResult__Output } from '../spate/UnregisterApplicationResult';
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
  
  RegisterApplication: grpc.handleUnaryCall<_spate_RegisterApplicationParams__Output, _spate_RegisterApplicationResult>;
  
  RegisterWorker: grpc.handleUnaryCall<_spate_RegisterWorkerParams__Output, _spate_RegisterWorkerResult>;
  
  UnregisterApplication: grpc.handleUnaryCall<_spate_UnregisterApplicationParams__Output, _spate_UnregisterApplicationResult>;
  
  WorkerHeartbeat: grpc.handleUnaryCall<_spate_WorkerHeartbeatParams__Output, _spate_WorkerHeartbeatResult>;
  
}

export interface MasterDefinition extends grpc.ServiceDefinition {
  ClusterState: MethodDefinition<_spate_ClusterStateParams, _spate_ClusterStateResult, _spate_ClusterStateParams__Output, _spate_ClusterStateResult__Output>
  RegisterApplication: MethodDefinition<_spate_RegisterApplicationParams, _spate_RegisterApplicationResult, _spate_RegisterApplicationParams__Output, _spate_RegisterApplicationResult__Output>
  RegisterWorker: MethodDefinition<_spate_RegisterWorkerParams, _spate_RegisterWorkerResult, _spate_RegisterWorkerParams__Output, _spate_RegisterWorkerResult__Output>
  UnregisterApplication: MethodDefinition<_spate_UnregisterApplicationParams, _spate_UnregisterApplicationResult, _spate_UnregisterApplicationParams__Output, _spate_UnregisterApplicationResult__Output>
  WorkerHeartbeat: MethodDefinition<_spate_WorkerHeartbeatParams, _spate_WorkerHeartbeatResult, _spate_WorkerHeartbeatParams__Output, _spate_WorkerHeartbeatResult__Output>
}
