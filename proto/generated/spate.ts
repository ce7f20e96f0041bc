import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AccumulatorUpdate as _spate_AccumulatorUpdate, AccumulatorUpdate__Output as _spate_AccumulatorUpdate__Output } from './spate/AccumulatorUpdate';
import type { BlockChunk as _spate_BlockChunk, BlockChunk__Output as _spate_BlockChunk__Output } from './spate/BlockChunk';
import type { BlockLocation as _spate_BlockLocation, BlockLocation__Output as _spate_BlockLocation__Output } from './spate/BlockLocation';
import type { BlockStats as _spate_BlockStats, BlockStats__Output as _spate_BlockStats__Output } from './spate/BlockStats';
import type { ClusterStateParams as _spate_ClusterStateParams, ClusterStateParams__Output as _spate_ClusterStateParams__Output } from './spate/ClusterStateParams';
import type { ClusterStateResult as _spate_ClusterStateResult, ClusterStateResult__Output as _spate_ClusterStateResult__Output } from './spate/ClusterStateResult';
import type { DriverClient as _spate_DriverClient, DriverDefinition as _spate_DriverDefinition } from './spate/Driver';
import type { DriverMessage as _spate_DriverMessage, DriverMessage__Output as _spate_DriverMessage__Output } from './spate/DriverMessage';
import type { DropBroadcast as _spate_DropBroadcast, DropBroadcast__Output as _spate_DropBroadcast__Output } from './spate/DropBroadcast';
import type { ExecutorClient as _spate_ExecutorClient, ExecutorDefinition as _spate_ExecutorDefinition } from './spate/Executor';
import type { ExecutorExitedParams as _spate_ExecutorExitedParams, ExecutorExitedParams__Output as _spate_ExecutorExitedParams__Output } from './spate/ExecutorExitedParams';
import type { ExecutorExitedResult as _spate_ExecutorExitedResult, ExecutorExitedResult__Output as _spate_ExecutorExitedResult__Output } from './spate/ExecutorExitedResult';
import type { ExecutorLost as _spate_ExecutorLost, ExecutorLost__Output as _spate_ExecutorLost__Output } from './spate/ExecutorLost';
import type { ExecutorMessage as _spate_ExecutorMessage, ExecutorMessage__Output as _spate_ExecutorMessage__Output } from './spate/ExecutorMessage';
import type { ExecutorRef as _spate_ExecutorRef, ExecutorRef__Output as _spate_ExecutorRef__Output } from './spate/ExecutorRef';
import type { FetchBlockParams as _spate_FetchBlockParams, FetchBlockParams__Output as _spate_FetchBlockParams__Output } from './spate/FetchBlockParams';
import type { FetchBroadcastParams as _spate_FetchBroadcastParams, FetchBroadcastParams__Output as _spate_FetchBroadcastParams__Output } from './spate/FetchBroadcastParams';
import type { FetchBroadcastResult as _spate_FetchBroadcastResult, FetchBroadcastResult__Output as _spate_FetchBroadcastResult__Output } from './spate/FetchBroadcastResult';
import type { FetchFailed as _spate_FetchFailed, FetchFailed__Output as _spate_FetchFailed__Output } from './spate/FetchFailed';
import type { Heartbeat as _spate_Heartbeat, Heartbeat__Output as _spate_Heartbeat__Output } from './spate/Heartbeat';
import type { HelloParams as _spate_HelloParams, HelloParams__Output as _spate_HelloParams__Output } from './spate/HelloParams';
import type { HelloResult as _spate_HelloResult, HelloResult__Output as _spate_HelloResult__Output } from './spate/HelloResult';
import type { KillApplicationParams as _spate_KillApplicationParams, KillApplicationParams__Output as _spate_KillApplicationParams__Output } from './spate/KillApplicationParams';
import type { KillApplicationResult as _spate_KillApplicationResult, KillApplicationResult__Output as _spate_KillApplicationResult__Output } from './spate/KillApplicationResult';
import type { KillTask as _spate_KillTask, KillTask__Output as _spate_KillTask__Output } from './spate/KillTask';
import type { LaunchExecutorParams as _spate_LaunchExecutorParams, LaunchExecutorParams__Output as _spate_LaunchExecutorParams__Output } from './spate/LaunchExecutorParams';
import type { LaunchExecutorResult as _spate_LaunchExecutorResult, LaunchExecutorResult__Output as _spate_LaunchExecutorResult__Output } from './spate/LaunchExecutorResult';
import type { LaunchTasks as _spate_LaunchTasks, LaunchTasks__Output as _spate_LaunchTasks__Output } from './spate/LaunchTasks';
import type { MapSuccess as _spate_MapSuccess, MapSuccess__Output as _spate_MapSuccess__Output } from './spate/MapSuccess';
import type { MasterClient as _spate_MasterClient, MasterDefinition as _spate_MasterDefinition } from './spate/Master';
import type { RegisterApplicationParams as _spate_RegisterApplicationParams, RegisterApplicationParams__Output as _spate_RegisterApplicationParams__Output } from './spate/RegisterApplicationParams';
import type { RegisterApplicationResult as _spate_RegisterApplicationResult, RegisterApplicationResult__Output as _spate_RegisterApplicationResult__Output } from './spate/RegisterApplicationResult';
import type { RegisterExecutor as _spate_RegisterExecutor, RegisterExecutor__Output as _spate_RegisterExecutor__Output } from './spate/RegisterExecutor';
import type { RegisterWorkerParams as _spate_RegisterWorkerParams, RegisterWorkerParams__Output as _spate_RegisterWorkerParams__Output } from './spate/RegisterWorkerParams';
import type { RegisterWorkerResult as _spate_RegisterWorkerResult, RegisterWorkerResult__Output as _spate_RegisterWorkerResult__Output } from './spate/RegisterWorkerResult';
import type { Registered as _spate_Registered, Registered__Output as _spate_Registered__Output } from './spate/Registered';
import type { RemoteCause as _spate_RemoteCause, RemoteCause__Output as _spate_RemoteCause__Output } from './spate/RemoteCause';
import type { RemoveRdd as _spate_RemoveRdd, RemoveRdd__Output as _spate_RemoveRdd__Output } from './spate/RemoveRdd';
import type { RemoveShuffle as _spate_RemoveShuffle, RemoveShuffle__Output as _spate_RemoveShuffle__Output } from './spate/RemoveShuffle';
import type { ResultSuccess as _spate_ResultSuccess, ResultSuccess__Output as _spate_ResultSuccess__Output } from './spate/ResultSuccess';
import type { ShuffleRead as _spate_ShuffleRead, ShuffleRead__Output as _spate_ShuffleRead__Output } from './spate/ShuffleRead';
import type { Shutdown as _spate_Shutdown, Shutdown__Output as _spate_Shutdown__Output } from './spate/Shutdown';
import type { StatusUpdates as _spate_StatusUpdates, StatusUpdates__Output as _spate_StatusUpdates__Output } from './spate/StatusUpdates';
import type { TaskDescription as _spate_TaskDescription, TaskDescription__Output as _spate_TaskDescription__Output } from './spate/TaskDescription';
import type { TaskEndReason as _spate_TaskEndReason, TaskEndReason__Output as _spate_TaskEndReason__Output } from './spate/TaskEndReason';
import type { TaskException as _spate_TaskException, TaskException__Output as _spate_TaskException__Output } from './spate/TaskException';
import type { TaskInput as _spate_TaskInput, TaskInput__Output as _spate_TaskInput__Output } from './spate/TaskInput';
import type { TaskKilled as _spate_TaskKilled, TaskKilled__Output as _spate_TaskKilled__Output } from './spate/TaskKilled';
import type { TaskStatus as _spate_TaskStatus, TaskStatus__Output as _spate_TaskStatus__Output } from './spate/TaskStatus';
import type { UnregisterApplicationParams as _spate_UnregisterApplicationParams, UnregisterApplicationParams__Output as _spate_UnregisterApplicationParams__Output } from './spate/UnregisterApplicationParams';
import type { UnregisterApplicationResult as _spate_UnregisterApplicationResult, UnregisterApplicationResult__Output as _spate_UnregisterApplicationResult__Output } from './spate/UnregisterApplicationResult';
import type { UnregisterWorkerParams as _spate_UnregisterWorkerParams, UnregisterWorkerParams__Output as _spate_UnregisterWorkerParams__Output } from './spate/UnregisterWorkerParams';
import type { UnregisterWorkerResult as _spate_UnregisterWorkerResult, UnregisterWorkerResult__Output as _spate_UnregisterWorkerResult__Output } from './spate/UnregisterWorkerResult';
import type { WorkerClient as _spate_WorkerClient, WorkerDefinition as _spate_WorkerDefinition } from './spate/Worker';
import type { WorkerHeartbeatParams as _spate_WorkerHeartbeatParams, WorkerHeartbeatParams__Output as _spate_WorkerHeartbeatParams__Output } from './spate/WorkerHeartbeatParams';
import type { WorkerHeartbeatResult as _spate_WorkerHeartbeatResult, WorkerHeartbeatResult__Output as _spate_WorkerHeartbeatResult__Output } from './spate/WorkerHeartbeatResult';
import type { WorkerState as _spate_WorkerState, WorkerState__Output as _spate_WorkerState__Output } from './spate/WorkerState';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  spate: {
    AccumulatorUpdate: MessageTypeDefinition<_spate_AccumulatorUpdate, _spate_AccumulatorUpdate__Output>
    BlockChunk: MessageTypeDefinition<_spate_BlockChunk, _spate_BlockChunk__Output>
    BlockLocation: MessageTypeDefinition<_spate_BlockLocation, _spate_BlockLocation__Output>
    BlockStats: MessageTypeDefinition<_spate_BlockStats, _spate_BlockStats__Output>
    ClusterStateParams: MessageTypeDefinition<_spate_ClusterStateParams, _spate_ClusterStateParams__Output>
    ClusterStateResult: MessageTypeDefinition<_spate_ClusterStateResult, _spate_ClusterStateResult__Output>
    Driver: SubtypeConstructor<typeof grpc.Client, _spate_DriverClient> & { service: _spate_DriverDefinition }
    DriverMessage: MessageTypeDefinition<_spate_DriverMessage, _spate_DriverMessage__Output>
    DropBroadcast: MessageTypeDefinition<_spate_DropBroadcast, _spate_DropBroadcast__Output>
    Executor: SubtypeConstructor<typeof grpc.Client, _spate_ExecutorClient> & { service: _spate_ExecutorDefinition }
    ExecutorExitedParams: MessageTypeDefinition<_spate_ExecutorExitedParams, _spate_ExecutorExitedParams__Output>
    ExecutorExitedResult: MessageTypeDefinition<_spate_ExecutorExitedResult, _spate_ExecutorExitedResult__Output>
    ExecutorLost: MessageTypeDefinition<_spate_ExecutorLost, _spate_ExecutorLost__Output>
    ExecutorMessage: MessageTypeDefinition<_spate_ExecutorMessage, _spate_ExecutorMessage__Output>
    ExecutorRef: MessageTypeDefinition<_spate_ExecutorRef, _spate_ExecutorRef__Output>
    FetchBlockParams: MessageTypeDefinition<_spate_FetchBlockParams, _spate_FetchBlockParams__Output>
    FetchBroadcastParams: MessageTypeDefinition<_spate_FetchBroadcastParams, _spate_FetchBroadcastParams__Output>
    FetchBroadcastResult: MessageTypeDefinition<_spate_FetchBroadcastResult, _spate_FetchBroadcastResult__Output>
    FetchFailed: MessageTypeDefinition<_spate_FetchFailed, _spate_FetchFailed__Output>
    Heartbeat: MessageTypeDefinition<_spate_Heartbeat, _spate_Heartbeat__Output>
    HelloParams: MessageTypeDefinition<_spate_HelloParams, _spate_HelloParams__Output>
    HelloResult: MessageTypeDefinition<_spate_HelloResult, _spate_HelloResult__Output>
    KillApplicationParams: MessageTypeDefinition<_spate_KillApplicationParams, _spate_KillApplicationParams__Output>
    KillApplicationResult: MessageTypeDefinition<_spate_KillApplicationResult, _spate_KillApplicationResult__Output>
    KillTask: MessageTypeDefinition<_spate_KillTask, _spate_KillTask__Output>
    LaunchExecutorParams: MessageTypeDefinition<_spate_LaunchExecutorParams, _spate_LaunchExecutorParams__Output>
    LaunchExecutorResult: MessageTypeDefinition<_spate_LaunchExecutorResult, _spate_LaunchExecutorResult__Output>
    LaunchTasks: MessageTypeDefinition<_spate_LaunchTasks, _spate_LaunchTasks__Output>
    MapSuccess: MessageTypeDefinition<_spate_MapSuccess, _spate_MapSuccess__Output>
    Master: SubtypeConstructor<typeof grpc.Client, _spate_MasterClient> & { service: _spate_MasterDefinition }
    RegisterApplicationParams: MessageTypeDefinition<_spate_RegisterApplicationParams, _spate_RegisterApplicationParams__Output>
    RegisterApplicationResult: MessageTypeDefinition<_spate_RegisterApplicationResult, _spate_RegisterApplicationResult__Output>
    RegisterExecutor: MessageTypeDefinition<_spate_RegisterExecutor, _spate_RegisterExecutor__Output>
    RegisterWorkerParams: MessageTypeDefinition<_spate_RegisterWorkerParams, _spate_RegisterWorkerParams__Output>
    RegisterWorkerResult: MessageTypeDefinition<_spate_RegisterWorkerResult, _spate_RegisterWorkerResult__Output>
    Registered: MessageTypeDefinition<_spate_Registered, _spate_Registered__Output>
    RemoteCause: MessageTypeDefinition<_spate_RemoteCause, _spate_RemoteCause__Output>
    RemoveRdd: MessageTypeDefinition<_spate_RemoveRdd, _spate_RemoveRdd__Output>
    RemoveShuffle: MessageTypeDefinition<_spate_RemoveShuffle, _spate_RemoveShuffle__Output>
    ResultSuccess: MessageTypeDefinition<_spate_ResultSuccess, _spate_ResultSuccess__Output>
    ShuffleRead: MessageTypeDefinition<_spate_ShuffleRead, _spate_ShuffleRead__Output>
    Shutdown: MessageTypeDefinition<_spate_Shutdown, _spate_Shutdown__Output>
    StatusUpdates: MessageTypeDefinition<_spate_StatusUpdates, _spate_StatusUpdates__Output>
    TaskDescription: MessageTypeDefinition<_spate_TaskDescription, _spate_TaskDescription__Output>
    TaskEndReason: MessageTypeDefinition<_spate_TaskEndReason, _spate_TaskEndReason__Output>
    TaskException: MessageTypeDefinition<_spate_TaskException, _spate_TaskException__Output>
    TaskInput: MessageTypeDefinition<_spate_TaskInput, _spate_TaskInput__Output>
    TaskKilled: MessageTypeDefinition<_spate_TaskKilled, _spate_TaskKilled__Output>
    TaskStatus: MessageTypeDefinition<_spate_TaskStatus, _spate_TaskStatus__Output>
    UnregisterApplicationParams: MessageTypeDefinition<_spate_UnregisterApplicationParams, _spate_UnregisterApplicationParams__Output>
    UnregisterApplicationResult: MessageTypeDefinition<_spate_UnregisterApplicationResult, _spate_UnregisterApplicationResult__Output>
    UnregisterWorkerParams: MessageTypeDefinition<_spate_UnregisterWorkerParams, _spate_UnregisterWorkerParams__Output>
    UnregisterWorkerResult: MessageTypeDefinition<_spate_UnregisterWorkerResult, _spate_UnregisterWorkerResult__Output>
    Worker: SubtypeConstructor<typeof grpc.Client, _spate_WorkerClient> & { service: _spate_WorkerDefinition }
    WorkerHeartbeatParams: MessageTypeDefinition<_spate_WorkerHeartbeatParams, _spate_WorkerHeartbeatParams__Output>
    WorkerHeartbeatResult: MessageTypeDefinition<_spate_WorkerHeartbeatResult, _spate_WorkerHeartbeatResult__Output>
    WorkerState: MessageTypeDefinition<_spate_WorkerState, _spate_WorkerState__Output>
  }
}

