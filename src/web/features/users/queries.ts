import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { CreateUserRequest, UpdateUserRequest } from "../../../contracts/users.js";
import { api, type UserFilters } from "../../api/client";
import { useInvalidatingMutation } from "../../api/mutations";

export const usersKey = ["users"] as const;

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...usersKey, filters],
    queryFn: () => api.users.list(filters),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  return useInvalidatingMutation(usersKey, (body: CreateUserRequest) => api.users.create(body));
}

export function useUpdateUser() {
  return useInvalidatingMutation(
    usersKey,
    ({ id, patch }: { id: string; patch: UpdateUserRequest }) => api.users.update(id, patch),
  );
}

export function useResetPassword() {
  return useInvalidatingMutation(usersKey, (id: string) => api.users.resetPassword(id));
}
