from django.shortcuts import render

from compact import selectors


def round_table_index(request):
    return render(request, "compact/index.html", {"round_tables": selectors.round_table_list()})


def objective_detail(request, number: int):
    objective = selectors.objective_get(number=number)
    return render(request, "compact/objective_detail.html", {"objective": objective})


def guiding_principle_list(request):
    principles = selectors.guiding_principle_list()
    return render(request, "compact/principles.html", {"principles": principles})


def eu_pact(request):
    context = {"outline": selectors.pact_outline(), "acts": selectors.pact_act_list()}
    return render(request, "compact/eu_pact.html", context)
